package cn.onecity.shared;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

public final class Times {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    public static final DateTimeFormatter CHINESE_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private Times() {
    }

    public static String format(OffsetDateTime t) {
        return t == null ? "" : t.atZoneSameInstant(ZONE).format(DATE_TIME);
    }

    public static String chinese(LocalDate d) {
        return d == null ? "" : d.format(CHINESE_DATE);
    }
}
