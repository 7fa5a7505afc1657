package cn.onecity.projects;

import java.time.LocalDate;

/** A milestone with its planned date and, once reached, its actual date. */
public record ProjectMilestone(long id, int seq, String name, MilestoneKind kind, LocalDate plannedDate, LocalDate actualDate) {

    public boolean late(LocalDate today) {
        return actualDate == null && plannedDate.isBefore(today);
    }

    /** done, late or due, as the timelines show it. */
    public String state(LocalDate today) {
        return actualDate != null ? "done" : late(today) ? "late" : "due";
    }

    /** Days late: actual (or today, when not reached) after planned; 0 when on time. */
    public long daysLate(LocalDate today) {
        LocalDate end = actualDate != null ? actualDate : today;
        return Math.max(0, end.toEpochDay() - plannedDate.toEpochDay());
    }
}
