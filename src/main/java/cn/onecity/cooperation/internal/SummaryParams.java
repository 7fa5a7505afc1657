package cn.onecity.cooperation.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import cn.onecity.cooperation.Area;
import cn.onecity.cooperation.ItemFilter;
import cn.onecity.cooperation.ItemStatus;
import cn.onecity.cooperation.Light;
import cn.onecity.cooperation.ProgressSummary;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.NotFoundException;

/** Parses the query parameters of the summary and export pages, with Chinese messages for bad input. */
final class SummaryParams {

    private SummaryParams() {
    }

    /** {@code YYYY-MM-DD}, or today (Beijing time) when blank. */
    static LocalDate asOf(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return LocalDate.now(clock);
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw BusinessException.invalid("asOf", "日期格式应为YYYY-MM-DD，例如 2024-12-10");
        }
    }

    /** The session number, or the newest meeting when blank; 404 when there is no meeting at all. */
    static int meeting(String value, ProgressSummary summaries) {
        if (value == null || value.isBlank()) {
            return summaries.newestMeeting().orElseThrow(() -> new NotFoundException("尚未建立任何联席会议"))
                    .sessionNo();
        }
        Integer n = optionalInt(value, "meeting", "届次应为正整数");
        if (n == null || n <= 0) {
            throw BusinessException.invalid("meeting", "届次应为正整数");
        }
        return n;
    }

    static Integer optionalInt(String value, String field, String message) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw BusinessException.invalid(field, message);
        }
    }

    static ItemFilter filter(String meeting, String area, String city, String department, String status,
            String light, String q) {
        Area a = null;
        if (area != null && !area.isBlank()) {
            a = Area.fromLabel(area.strip());
            if (a == null) {
                throw BusinessException.invalid("area", "合作领域无效");
            }
        }
        return new ItemFilter(optionalInt(meeting, "meeting", "届次应为正整数"), a, blankToNull(city),
                blankToNull(department), enumOf(ItemStatus.class, status, "status", "状态无效"),
                enumOf(Light.class, light, "light", "预警灯无效"), blankToNull(q));
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String field, String message) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw BusinessException.invalid(field, message);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
