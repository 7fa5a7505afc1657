package cn.onecity.projects;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

/**
 * A major project with everything computed as of {@code asOf}: the invested total (万元, the sum of all cities'
 * monthly reports), the status and whether it is behind schedule. Amounts are 万元.
 */
public record Project(long id, String code, String name, ProjectType type, boolean landmark, BigDecimal plannedInvestment,
        String description, String note, List<ProjectCity> cities, List<ProjectMilestone> milestones, BigDecimal invested,
        String lastReportedMonth, ProjectStatus status, boolean behindSchedule, List<Long> cooperationItemIds, LocalDate asOf) {

    public String typeLabel() {
        return type.label();
    }

    /** 在建, 已通车, 未开工 …, with （滞后） when behind schedule. */
    public String statusLabel() {
        return status.label(type) + (behindSchedule ? "（滞后）" : "");
    }

    /** Invested as a share of the planned investment, 0–100 (may pass 100 when spending overran the plan). */
    public int percentInvested() {
        if (plannedInvestment.signum() <= 0) {
            return 0;
        }
        return invested.multiply(BigDecimal.valueOf(100)).divide(plannedInvestment, 0, RoundingMode.DOWN).intValue();
    }

    public boolean involves(String cityCode) {
        return cities.stream().anyMatch(c -> c.cityCode().equals(cityCode));
    }

    public String cityNames() {
        return String.join("、", cities.stream().map(ProjectCity::cityName).toList());
    }

    /** The next milestone not yet reached, or null. */
    public ProjectMilestone nextMilestone() {
        return milestones.stream().filter(m -> m.actualDate() == null).findFirst().orElse(null);
    }
}
