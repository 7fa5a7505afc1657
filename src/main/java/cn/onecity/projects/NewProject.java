package cn.onecity.projects;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A project as the joint office registers it; amounts in 万元. */
public record NewProject(String code, String name, ProjectType type, boolean landmark, BigDecimal plannedInvestment,
        String description, String note, List<Party> cities, List<Step> milestones, List<Long> cooperationItemIds) {

    /** A city involved and its responsible department code (e.g. 430100-JTJ). */
    public record Party(String cityCode, String departmentCode) {
    }

    /** A milestone: name, kind, planned date, and the actual date when already reached. */
    public record Step(String name, MilestoneKind kind, LocalDate plannedDate, LocalDate actualDate) {
    }
}
