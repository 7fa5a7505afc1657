package cn.onecity.cooperation.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import cn.onecity.cooperation.Area;
import cn.onecity.cooperation.ItemFilter;
import cn.onecity.cooperation.ItemStatus;
import cn.onecity.cooperation.Light;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;

/**
 * The overview's filters as they arrive in a query string (all text), turned into an {@link ItemFilter}.
 * Enum values are accepted by name ({@code DELAYED}) or by their Chinese label ({@code 滞后}).
 */
record FilterParams(String meeting, String area, String city, String department, String status, String light,
        String q, String asOf) {

    /** The filter, or a 400 listing every value that could not be read. */
    ItemFilter toFilter(Integer defaultMeeting) {
        List<FieldMessage> errors = new ArrayList<>();
        Integer meetingNo = defaultMeeting;
        if (meeting != null) {
            meetingNo = null;
            if (!meeting.isBlank()) {
                try {
                    meetingNo = Integer.valueOf(meeting.strip());
                } catch (NumberFormatException e) {
                    errors.add(new FieldMessage("meeting", "联席会议届次须为整数"));
                }
            }
        }
        Area a = null;
        if (blankToNull(area) != null) {
            a = Area.fromLabel(area.strip());
            if (a == null) {
                errors.add(new FieldMessage("area", "合作领域须为产业协同、科创协作、交通互联、生态共治或服务共享"));
            }
        }
        ItemStatus s = null;
        if (blankToNull(status) != null) {
            s = status(status.strip());
            if (s == null) {
                errors.add(new FieldMessage("status", "状态须为未启动、推进中、已完成或滞后（NOT_STARTED/ONGOING/COMPLETED/DELAYED）"));
            }
        }
        Light l = null;
        if (blankToNull(light) != null) {
            l = light(light.strip());
            if (l == null) {
                errors.add(new FieldMessage("light", "预警灯须为绿灯、黄灯或红灯（GREEN/YELLOW/RED）"));
            }
        }
        if (blankToNull(asOf) != null) {
            try {
                LocalDate.parse(asOf.strip());
            } catch (DateTimeParseException e) {
                errors.add(new FieldMessage("asOf", "统计日期须为 yyyy-MM-dd 格式"));
            }
        }
        if (!errors.isEmpty()) {
            throw new BusinessException(400, errors.get(0).message(), errors);
        }
        return new ItemFilter(meetingNo, a, blankToNull(city), blankToNull(department), s, l, blankToNull(q));
    }

    LocalDate asOfOr(LocalDate today) {
        if (blankToNull(asOf) == null) {
            return today;
        }
        try {
            return LocalDate.parse(asOf.strip());
        } catch (DateTimeParseException e) {
            throw BusinessException.invalid("asOf", "统计日期须为 yyyy-MM-dd 格式");
        }
    }

    static ItemStatus status(String v) {
        for (ItemStatus s : ItemStatus.values()) {
            if (s.name().equalsIgnoreCase(v) || s.label().equals(v)) {
                return s;
            }
        }
        return null;
    }

    static Light light(String v) {
        for (Light l : Light.values()) {
            if (l.name().equalsIgnoreCase(v) || l.label().equals(v) || l.label().substring(0, 1).equals(v)) {
                return l;
            }
        }
        return null;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
