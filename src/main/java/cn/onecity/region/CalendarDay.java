package cn.onecity.region;

import java.time.LocalDate;

/** A special date of the calendar: a day off or an adjusted working day. */
public record CalendarDay(LocalDate date, Kind kind, String name) {
    public enum Kind {
        HOLIDAY, WORKDAY
    }

    /** 周一 … 周日. */
    public String weekday() {
        return date == null ? "" : WorkingCalendar.weekday(date);
    }
}
