package cn.onecity.cooperation.internal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import cn.onecity.cooperation.Milestone;
import cn.onecity.cooperation.NewItem;

/**
 * Milestones as typed in a textarea: one per line (or separated by “；” as in the Excel column), each written
 * {@code 名称@YYYY-MM-DD}.
 */
final class MilestoneText {

    private static final Pattern SEPARATOR = Pattern.compile("[；;\\r\\n]+");
    private static final DateTimeFormatter[] FORMATS = {strict("uuuu-M-d"), strict("uuuu/M/d"), strict("uuuu.M.d"),
            strict("uuuu年M月d日")};

    private MilestoneText() {
    }

    /** The parsed milestones and, for each line that could not be read, a Chinese message. */
    record Parsed(List<NewItem.NewMilestone> milestones, List<String> errors) {
    }

    static Parsed parse(String text) {
        List<NewItem.NewMilestone> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if (text == null) {
            return new Parsed(out, errors);
        }
        for (String line : SEPARATOR.split(text)) {
            String m = line.strip();
            if (m.isEmpty()) {
                continue;
            }
            int at = Math.max(m.lastIndexOf('@'), m.lastIndexOf('＠'));
            LocalDate due = at < 0 ? null : date(m.substring(at + 1));
            if (at <= 0 || due == null || m.substring(0, at).isBlank()) {
                errors.add("里程碑“" + m + "”格式应为“名称@YYYY-MM-DD”");
            } else {
                out.add(new NewItem.NewMilestone(m.substring(0, at).strip(), due));
            }
        }
        return new Parsed(out, errors);
    }

    /** The milestones of an item, one per line, as {@link #parse} reads them. */
    static String format(List<Milestone> milestones) {
        StringBuilder sb = new StringBuilder();
        for (Milestone m : milestones) {
            sb.append(m.name()).append('@').append(m.dueDate()).append('\n');
        }
        return sb.toString();
    }

    static LocalDate date(String text) {
        if (text == null) {
            return null;
        }
        for (DateTimeFormatter f : FORMATS) {
            try {
                return LocalDate.parse(text.strip(), f);
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        return null;
    }

    private static DateTimeFormatter strict(String pattern) {
        return DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT);
    }
}
