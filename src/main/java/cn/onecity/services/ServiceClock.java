package cn.onecity.services;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;

import org.springframework.stereotype.Component;

import cn.onecity.region.WorkingCalendar;
import cn.onecity.region.YearNotLoadedException;
import cn.onecity.services.ClockState.Light;

/**
 * Time limits on the platform's working-day calendar. Day 0 is the day the platform accepted the case; the
 * due date is the {@code promised + paused}-th working day after it. When a year's arrangement is not loaded
 * yet (the State Council publishes it late in the year before), Monday–Friday is assumed and the state says
 * so, rather than refusing applications.
 */
@Component
public class ServiceClock {

    private final WorkingCalendar calendar;
    private final Clock clock;

    ServiceClock(WorkingCalendar calendar, Clock clock) {
        this.calendar = calendar;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public record Due(LocalDate date, boolean provisional) {
    }

    public Due due(LocalDate start, int workingDays) {
        try {
            return new Due(calendar.dueDate(start, workingDays), false);
        } catch (YearNotLoadedException e) {
            LocalDate d = start;
            int n = 0;
            while (n < workingDays) {
                d = d.plusDays(1);
                if (weekday(d)) {
                    n++;
                }
            }
            return new Due(d, true);
        }
    }

    /** Working days after {@code after} up to and including {@code to}. */
    public int workingDaysAfter(LocalDate after, LocalDate to) {
        if (!to.isAfter(after)) {
            return 0;
        }
        try {
            return calendar.workingDaysBetween(after.plusDays(1), to);
        } catch (YearNotLoadedException e) {
            int n = 0;
            for (LocalDate d = after.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
                if (weekday(d)) {
                    n++;
                }
            }
            return n;
        }
    }

    private static boolean weekday(LocalDate d) {
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /**
     * The state of a limit as of {@code today}. A paused clock is frozen on the day the pause began; a finished
     * one on the day the case was completed.
     */
    public ClockState state(LocalDate start, int promised, int pausedDays, LocalDate pausedSince, LocalDate finishedOn,
            LocalDate today) {
        if (start == null) {
            return ClockState.notStarted(promised);
        }
        Due due = due(start, promised + pausedDays);
        LocalDate asOf = finishedOn != null ? finishedOn : pausedSince != null ? pausedSince : today;
        int used = Math.max(0, workingDaysAfter(start, asOf) - pausedDays);
        int remaining = workingDaysAfter(asOf, due.date());
        Light light;
        if (asOf.isAfter(due.date())) {
            light = Light.RED;
        } else if (finishedOn == null && remaining <= 1) {
            light = Light.YELLOW;
        } else {
            light = Light.GREEN;
        }
        return new ClockState(true, start, due.date(), promised, used, remaining, pausedDays,
                finishedOn == null && pausedSince != null, finishedOn != null, false, light, due.provisional());
    }

    /**
     * The limit of a case that ended without 办结 (不予受理, 退回, 撤回) on {@code endedOn}: frozen on that day, with
     * no light, since nothing is due any more.
     */
    public ClockState ended(LocalDate start, int promised, int pausedDays, LocalDate endedOn) {
        if (start == null) {
            return ClockState.notStarted(promised);
        }
        ClockState s = state(start, promised, pausedDays, null, endedOn, endedOn);
        return new ClockState(true, start, s.due(), promised, s.used(), s.remaining(), pausedDays, false, false, true,
                Light.NONE, s.provisional());
    }
}
