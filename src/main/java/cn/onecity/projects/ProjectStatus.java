package cn.onecity.projects;

import java.time.LocalDate;
import java.util.List;

/**
 * A project's status, derived and never stored: DONE once a 通车/建成 milestone has an actual date, UNDER_WAY once a
 * 开工 milestone has one or any investment has been reported, otherwise NOT_STARTED.
 */
public enum ProjectStatus {
    NOT_STARTED("未开工"), UNDER_WAY("在建"), DONE("已建成");

    private final String label;

    ProjectStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** 已通车 for roads and rail, 已建成 for the others. */
    public String label(ProjectType type) {
        return this == DONE && type.opensToTraffic() ? "已通车" : label;
    }

    public static ProjectStatus of(List<ProjectMilestone> milestones, boolean invested, LocalDate today) {
        boolean done = milestones.stream().anyMatch(m -> m.kind().finishes() && m.actualDate() != null && !m.actualDate().isAfter(today));
        if (done) {
            return DONE;
        }
        boolean started = invested || milestones.stream().anyMatch(m -> m.actualDate() != null && !m.actualDate().isAfter(today));
        return started ? UNDER_WAY : NOT_STARTED;
    }

    /** Behind schedule: not done, and a milestone's planned date has passed without an actual date. */
    public static boolean behindSchedule(ProjectStatus status, List<ProjectMilestone> milestones, LocalDate today) {
        return status != DONE && milestones.stream().anyMatch(m -> m.late(today));
    }
}
