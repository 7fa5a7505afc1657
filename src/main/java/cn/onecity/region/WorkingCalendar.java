package cn.onecity.region;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.identity.AuditLog;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.ConflictException;
import cn.onecity.shared.FieldMessage;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.NotFoundException;

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

    /** Years an arrangement may be entered for. */
    public static final int MIN_YEAR = 2000;
    public static final int MAX_YEAR = 2099;
    static final int MAX_NOTICE = 100;
    static final int MAX_NAME = 20;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    WorkingCalendar(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** The due date: the {@code workingDays}-th working day after {@code start} (which is day 0). */
    public LocalDate dueDate(LocalDate start, int workingDays) {
        if (workingDays < 0) {
            throw BusinessException.invalid("workingDays", "工作日数不能为负数");
        }
        if (workingDays > 3660) {
            throw BusinessException.invalid("workingDays", "工作日数过大（最多 3660）");
        }
        if (workingDays == 0) {
            return start;
        }
        // day 0 is never looked at, so its year need not be loaded: start reading at day 1
        Days days = load(start.plusDays(1), start.plusDays(workingDays * 2L + 40));
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

    /** The loaded years, newest first, with their counts of special days and of working days. */
    public List<CalendarYear> years() {
        record Row(int year, String notice, OffsetDateTime loadedAt) {
        }
        List<Row> rows = jdbc.sql("SELECT calendar_year, notice, loaded_at FROM reg_calendar_year ORDER BY calendar_year DESC")
                .query((rs, i) -> new Row(rs.getInt("calendar_year"), rs.getString("notice"),
                        rs.getObject("loaded_at", OffsetDateTime.class)))
                .list();
        List<CalendarYear> years = new ArrayList<>();
        for (Row r : rows) {
            years.add(summary(r.year(), r.notice(), r.loadedAt(), days(r.year())));
        }
        return years;
    }

    /** One loaded year with its special days; 404 when the year is not loaded. */
    public CalendarYear year(int year) {
        return findYear(year).orElseThrow(() -> new NotFoundException(year + " 年的节假日安排尚未录入"));
    }

    public Optional<CalendarYear> findYear(int year) {
        record Row(String notice, OffsetDateTime loadedAt) {
        }
        return jdbc.sql("SELECT notice, loaded_at FROM reg_calendar_year WHERE calendar_year = :y").param("y", year)
                .query((rs, i) -> new Row(rs.getString("notice"), rs.getObject("loaded_at", OffsetDateTime.class)))
                .optional()
                .map(r -> summary(year, r.notice(), r.loadedAt(), days(year)));
    }

    private static CalendarYear summary(int year, String notice, OffsetDateTime loadedAt, List<CalendarDay> days) {
        int holidays = 0;
        int workdays = 0;
        Map<LocalDate, Boolean> special = new HashMap<>();
        for (CalendarDay d : days) {
            if (d.kind() == CalendarDay.Kind.HOLIDAY) {
                holidays++;
            } else {
                workdays++;
            }
            special.put(d.date(), d.kind() == CalendarDay.Kind.WORKDAY);
        }
        Days all = new Days(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), special);
        int working = 0;
        for (LocalDate d = all.from(); !d.isAfter(all.to()); d = d.plusDays(1)) {
            if (all.isWorkingDay(d)) {
                working++;
            }
        }
        return new CalendarYear(year, notice, loadedAt, holidays, workdays, working, days);
    }

    /**
     * Defines or replaces a year's arrangement, as a State Council notice (国务院办公厅通知) publishes it:
     * its days off ({@link CalendarDay.Kind#HOLIDAY}) and its adjusted working days ({@link CalendarDay.Kind#WORKDAY}).
     * Rules: the year is between {@value #MIN_YEAR} and {@value #MAX_YEAR}; the notice number is given; there is at
     * least one day off; every date lies inside the year, has a name and is listed once; an adjusted working day is
     * a Saturday or Sunday. Every broken rule is reported at once, as a 400 naming the field
     * ({@code year}, {@code notice}, {@code holidays} or {@code workdays}).
     *
     * Only a system administrator may do it.
     *
     * @return true when an existing arrangement was replaced
     */
    @Transactional
    public boolean defineYear(CurrentUser actor, int year, String notice, List<CalendarDay> days) {
        if (actor == null || !actor.is(Role.ADMIN)) {
            throw new ForbiddenException("只有系统管理员可以录入法定节假日安排");
        }
        List<FieldMessage> errors = new ArrayList<>();
        if (year < MIN_YEAR || year > MAX_YEAR) {
            errors.add(new FieldMessage("year", "年份须在 " + MIN_YEAR + "–" + MAX_YEAR + " 之间"));
        }
        String n = notice == null ? "" : notice.strip();
        if (n.isEmpty()) {
            errors.add(new FieldMessage("notice", "请填写国务院办公厅通知的文号，如“国办发明电〔2026〕7号”"));
        } else if (n.length() > MAX_NOTICE) {
            errors.add(new FieldMessage("notice", "通知文号不能超过 " + MAX_NOTICE + " 个字"));
        }
        List<CalendarDay> clean = new ArrayList<>();
        Map<LocalDate, CalendarDay.Kind> seen = new HashMap<>();
        boolean anyHoliday = false;
        for (CalendarDay day : days == null ? List.<CalendarDay>of() : days) {
            if (day == null || day.kind() == null) {
                errors.add(new FieldMessage("holidays", "日期类型缺失"));
                continue;
            }
            String field = field(day.kind());
            if (day.date() == null) {
                errors.add(new FieldMessage(field, "有一行缺少日期"));
                continue;
            }
            String name = day.name() == null ? "" : day.name().strip();
            if (name.isEmpty()) {
                errors.add(new FieldMessage(field, day.date() + " 缺少名称（如“春节”或“春节调休”）"));
            } else if (name.length() > MAX_NAME) {
                errors.add(new FieldMessage(field, day.date() + " 的名称不能超过 " + MAX_NAME + " 个字"));
            }
            if (day.date().getYear() != year) {
                errors.add(new FieldMessage(field, day.date() + " 不在 " + year + " 年内"));
            }
            CalendarDay.Kind before = seen.putIfAbsent(day.date(), day.kind());
            if (before == day.kind()) {
                errors.add(new FieldMessage(field, day.date() + " 重复录入"));
            } else if (before != null) {
                errors.add(new FieldMessage("workdays", day.date() + " 不能既是放假日又是调休上班日"));
            }
            if (day.kind() == CalendarDay.Kind.WORKDAY && !isWeekend(day.date())) {
                errors.add(new FieldMessage("workdays", day.date() + " 是" + weekday(day.date())
                        + "，调休上班日只能是周六或周日"));
            }
            if (day.kind() == CalendarDay.Kind.HOLIDAY) {
                anyHoliday = true;
            }
            clean.add(new CalendarDay(day.date(), day.kind(), name));
        }
        if (!anyHoliday && errors.stream().noneMatch(e -> e.field().equals("holidays"))) {
            errors.add(new FieldMessage("holidays", "请至少录入一个放假日期"));
        }
        if (!errors.isEmpty()) {
            throw new BusinessException(400, "节假日安排有误，请按提示修改：" + errors.get(0).message()
                    + (errors.size() > 1 ? " 等 " + errors.size() + " 处" : ""), errors);
        }

        boolean replaced = jdbc.sql("DELETE FROM reg_calendar_year WHERE calendar_year = :y").param("y", year).update() > 0;
        jdbc.sql("DELETE FROM reg_calendar_day WHERE the_date BETWEEN :a AND :b")
                .param("a", LocalDate.of(year, 1, 1)).param("b", LocalDate.of(year, 12, 31)).update();
        try {
            jdbc.sql("INSERT INTO reg_calendar_year (calendar_year, notice, loaded_at) VALUES (:y, :n, :at)")
                    .param("y", year).param("n", n).param("at", OffsetDateTime.now(clock)).update();
            for (CalendarDay day : clean) {
                jdbc.sql("INSERT INTO reg_calendar_day (the_date, kind, name) VALUES (:d, :k, :n)")
                        .param("d", day.date()).param("k", day.kind().name()).param("n", day.name()).update();
            }
        } catch (DataIntegrityViolationException e) {
            throw new ConflictException(year + " 年的节假日安排正被他人同时录入，请刷新后重试");
        }
        long holidays = clean.stream().filter(d -> d.kind() == CalendarDay.Kind.HOLIDAY).count();
        audit.record("region", "录入节假日安排", year + " 年",
                (replaced ? "替换：" : "新增：") + n + "，放假 " + holidays + " 天，调休上班 " + (clean.size() - holidays) + " 天");
        return replaced;
    }

    private static String field(CalendarDay.Kind kind) {
        return kind == CalendarDay.Kind.HOLIDAY ? "holidays" : "workdays";
    }

    private static boolean isWeekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    /** 周一 … 周日. */
    public static String weekday(LocalDate d) {
        return "周" + "一二三四五六日".charAt(d.getDayOfWeek().getValue() - 1);
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
