package cn.onecity.region;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The working-day calendar (工作日历). A date is a working day when it is an adjusted working day (调休上班),
 * or a Monday–Friday that is not a day off. Only years whose arrangement is loaded can be computed with;
 * any other year raises {@link YearNotLoadedException}.
 *
 * <p>Deadline convention: the start day is day 0 and is not counted, even when it is not a working day;
 * the following working days are counted 1..N, and day N is the due date.
 *
 * <p>Each call reads the special days of the range it needs, so several instances never disagree after an
 * administrator loads a new year (no cache to invalidate; the table holds a few dozen rows a year).
 */
@Service
public class WorkingCalendar {

    private final JdbcClient jdbc;

    WorkingCalendar(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The due date: the {@code workingDays}-th working day after {@code start} (which is day 0). */
    public LocalDate dueDate(LocalDate start, int workingDays) {
        if (workingDays < 0) {
            throw cn.onecity.shared.BusinessException.invalid("workingDays", "工作日数不能为负数");
        }
        if (workingDays > 3660) {
            throw cn.onecity.shared.BusinessException.invalid("workingDays", "工作日数过大（最多 3660）");
        }
        Days days = load(start, start.plusDays(workingDays * 2L + 40));
        LocalDate d = start;
        int counted = 0;
        while (counted < workingDays) {
            d = d.plusDays(1);
            if (!days.covers(d)) {
                days = load(d, d.plusDays((workingDays - counted) * 2L + 40));
            }
            if (days.isWorkingDay(d)) {
                counted++;
            }
        }
        return d;
    }

    /** Working days from {@code from} to {@code to}, both included (0 when {@code to} is before {@code from}). */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return 0;
        }
        Days days = load(from, to);
        int n = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (days.isWorkingDay(d)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Working days left until a due date, counted as time limits are: the working days after {@code today}
     * up to and including {@code due}; 0 when the due date is today or past.
     */
    public int workingDaysUntil(LocalDate today, LocalDate due) {
        return due.isAfter(today) ? workingDaysBetween(today.plusDays(1), due) : 0;
    }

    public boolean isWorkingDay(LocalDate date) {
        return load(date, date).isWorkingDay(date);
    }

    public Set<Integer> loadedYears() {
        return new HashSet<>(jdbc.sql("SELECT calendar_year FROM reg_calendar_year").query(Integer.class).list());
    }

    /** A loaded year's special days. */
    public List<CalendarDay> days(int year) {
        return jdbc.sql("SELECT the_date, kind, name FROM reg_calendar_day WHERE the_date BETWEEN :a AND :b ORDER BY the_date")
                .param("a", LocalDate.of(year, 1, 1)).param("b", LocalDate.of(year, 12, 31))
                .query((rs, i) -> new CalendarDay(rs.getObject("the_date", LocalDate.class),
                        CalendarDay.Kind.valueOf(rs.getString("kind")), rs.getString("name")))
                .list();
    }

    private Days load(LocalDate from, LocalDate to) {
        Set<Integer> years = loadedYears();
        for (int y = from.getYear(); y <= to.getYear(); y++) {
            if (!years.contains(y)) {
                // the range may reach past what the caller needs; only fail for the years really used
                to = y == from.getYear() ? null : LocalDate.of(y - 1, 12, 31);
                if (to == null) {
                    throw new YearNotLoadedException(y);
                }
                break;
            }
        }
        Map<LocalDate, Boolean> special = new HashMap<>();
        jdbc.sql("SELECT the_date, kind FROM reg_calendar_day WHERE the_date BETWEEN :a AND :b")
                .param("a", from).param("b", to)
                .query((rs, i) -> special.put(rs.getObject("the_date", LocalDate.class), "WORKDAY".equals(rs.getString("kind"))))
                .list();
        return new Days(from, to, special);
    }

    private record Days(LocalDate from, LocalDate to, Map<LocalDate, Boolean> special) {
        boolean covers(LocalDate d) {
            return !d.isBefore(from) && !d.isAfter(to);
        }

        boolean isWorkingDay(LocalDate d) {
            if (!covers(d)) {
                throw new YearNotLoadedException(d.getYear());
            }
            Boolean s = special.get(d);
            if (s != null) {
                return s;
            }
            DayOfWeek w = d.getDayOfWeek();
            return w != DayOfWeek.SATURDAY && w != DayOfWeek.SUNDAY;
        }
    }
}
