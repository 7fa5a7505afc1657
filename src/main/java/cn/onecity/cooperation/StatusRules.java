package cn.onecity.cooperation;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

import cn.onecity.region.WorkingCalendar;
import cn.onecity.region.YearNotLoadedException;

/**
 * How an item's progress, status and light follow from its records as of a date.
 * <ul>
 * <li>progress: the percent of the latest report the joint office accepted on or before the date (0 if none);</li>
 * <li>已完成: an accepted report says 100% — the target has been accepted;</li>
 * <li>滞后: not completed, and the deadline or a milestone not done by then has passed. A due date that falls
 * on a day off moves to the next working day (《行政许可法》 counts in working days), so an item is late from the
 * first day after that working day;</li>
 * <li>推进中: some accepted progress or a milestone done; 未启动 otherwise;</li>
 * <li>light: 红 when late, 黄 when the next due date is within 5 working days, 绿 otherwise (and when completed).</li>
 * </ul>
 */
public final class StatusRules {

    /** A due date this close (in working days) turns the light yellow. */
    public static final int YELLOW_WORKING_DAYS = 5;

    private StatusRules() {
    }

    /** An accepted report: when the joint office accepted it, and the percent it reported. */
    public record Accepted(LocalDate acceptedOn, int percent) {
    }

    public record Derived(int progress, ItemStatus status, Light light, LocalDate completedOn, LocalDate nextDue,
            int lateMilestones) {
    }

    public static Derived derive(LocalDate deadline, List<Milestone> milestones, List<Accepted> accepted,
            LocalDate asOf, WorkingCalendar calendar) {
        Accepted latest = accepted.stream()
                .filter(a -> !a.acceptedOn().isAfter(asOf))
                .max(Comparator.comparing(Accepted::acceptedOn))
                .orElse(null);
        int progress = latest == null ? 0 : latest.percent();
        LocalDate completedOn = accepted.stream()
                .filter(a -> a.percent() >= 100 && !a.acceptedOn().isAfter(asOf))
                .map(Accepted::acceptedOn).min(Comparator.naturalOrder()).orElse(null);
        if (completedOn != null) {
            return new Derived(100, ItemStatus.COMPLETED, Light.GREEN, completedOn, null, 0);
        }
        int lateMilestones = 0;
        LocalDate nextDue = null;
        boolean late = isPast(deadline, asOf, calendar);
        if (!late) {
            nextDue = deadline;
        }
        boolean anyDone = false;
        for (Milestone m : milestones) {
            if (m.doneAsOf(asOf)) {
                anyDone = true;
                continue;
            }
            if (isPast(m.dueDate(), asOf, calendar)) {
                lateMilestones++;
                late = true;
            } else if (nextDue == null || m.dueDate().isBefore(nextDue)) {
                nextDue = m.dueDate();
            }
        }
        ItemStatus status = late ? ItemStatus.DELAYED
                : progress > 0 || anyDone ? ItemStatus.ONGOING : ItemStatus.NOT_STARTED;
        Light light = late ? Light.RED : nextDue != null && dueSoon(asOf, nextDue, calendar) ? Light.YELLOW : Light.GREEN;
        return new Derived(progress, status, light, null, nextDue, lateMilestones);
    }

    /** Whether a due date has passed as of a date on the working-day calendar (for milestone timelines). */
    public static boolean overdue(LocalDate due, LocalDate asOf, WorkingCalendar calendar) {
        return isPast(due, asOf, calendar);
    }

    /** Whether a due date has passed as of a date, moving a due date on a day off to the next working day. */
    static boolean isPast(LocalDate due, LocalDate asOf, WorkingCalendar calendar) {
        if (!asOf.isAfter(due)) {
            return false;
        }
        if (ChronoUnit.DAYS.between(due, asOf) > 20) {
            return true; // no run of days off is that long
        }
        try {
            LocalDate effective = calendar.isWorkingDay(due) ? due : calendar.dueDate(due, 1);
            return asOf.isAfter(effective);
        } catch (YearNotLoadedException e) {
            return true; // the calendar cannot extend it: count from the date as written
        }
    }

    static boolean dueSoon(LocalDate asOf, LocalDate due, WorkingCalendar calendar) {
        long days = ChronoUnit.DAYS.between(asOf, due);
        if (days > 20) {
            return false; // 20 calendar days always hold more than 5 working days
        }
        try {
            return calendar.workingDaysUntil(asOf, due) <= YELLOW_WORKING_DAYS;
        } catch (YearNotLoadedException e) {
            return true; // near a year not yet loaded: warn rather than hide the due date
        }
    }

    /** Weighted progress: Σ weight·progress / Σ weight, rounded to one decimal. */
    public static double rollUp(List<ItemView> items) {
        double w = 0;
        double p = 0;
        for (ItemView i : items) {
            w += i.weight();
            p += i.weight() * i.progress();
        }
        return w == 0 ? 0 : Math.round(p / w * 10) / 10.0;
    }
}
