package cn.onecity.cooperation;

import java.time.LocalDate;
import java.util.List;

/**
 * A cooperation item to create under an action plan. The lead city follows from the lead department
 * ({@code 430100-FGW} → 长沙). Weight defaults to 1.
 */
public record NewItem(long actionId, String code, String title, Area area, String leadDepartmentCode,
        List<String> coDepartmentCodes, String target, LocalDate deadline, Double weight, String remark,
        List<NewMilestone> milestones) {

    public record NewMilestone(String name, LocalDate dueDate) {
    }
}
