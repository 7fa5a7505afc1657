package cn.onecity.region.internal;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.onecity.region.CalendarDay;

/**
 * The text format of the admin form: one date a line, then its name, e.g. {@code 2027-01-01 元旦}; a run of
 * dates may be written {@code 2027-02-06~2027-02-13 春节} (also {@code ～} or {@code 至}). Blank lines are skipped.
 * Only the format is checked here; the calendar rules are {@link cn.onecity.region.WorkingCalendar}'s.
 */
final class DayLines {

    static final int MAX_RUN = 31;

    private static final String DATE = "(\\d{4}[-/]\\d{1,2}[-/]\\d{1,2})";
    private static final Pattern LINE = Pattern.compile(
            DATE + "(?:\\s*(?:~|～|至)\\s*" + DATE + ")?(?:[\\s\\u3000,，、:：]+(.*))?");

    record Parsed(List<CalendarDay> days, List<String> errors) {
    }

    private DayLines() {
    }

    static Parsed parse(String text, CalendarDay.Kind kind) {
        List<CalendarDay> days = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if (text == null) {
            return new Parsed(days, errors);
        }
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip().replace('\u3000', ' ').strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                errors.add("第 " + (i + 1) + " 行“" + line + "”格式不对，应为“2027-01-01 元旦”");
                continue;
            }
            LocalDate from = date(m.group(1));
            LocalDate to = m.group(2) == null ? from : date(m.group(2));
            if (from == null || to == null) {
                errors.add("第 " + (i + 1) + " 行“" + line + "”中的日期无效（格式 YYYY-MM-DD）");
                continue;
            }
            if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) >= MAX_RUN) {
                errors.add("第 " + (i + 1) + " 行的日期区间无效：结束日期须不早于开始日期，且不超过 " + MAX_RUN + " 天");
                continue;
            }
            String name = m.group(3) == null ? null : m.group(3).strip();
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
                days.add(new CalendarDay(d, kind, name));
            }
        }
        return new Parsed(days, errors);
    }

    private static LocalDate date(String s) {
        String[] p = s.split("[-/]");
        try {
            return LocalDate.of(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The text the form shows for a list of days (one a line, in date order). */
    static String format(List<CalendarDay> days) {
        StringBuilder sb = new StringBuilder();
        for (CalendarDay d : days) {
            sb.append(d.date()).append(' ').append(d.name()).append('\n');
        }
        return sb.toString();
    }
}
