package cn.onecity.region;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A loaded year of the working-day calendar.
 *
 * @param holidays    number of days off in the notice (放假天数, weekend days included)
 * @param workdays    number of adjusted working days (调休上班天数)
 * @param workingDays working days in the whole year (全年工作日数)
 * @param days        the special days, by date
 */
public record CalendarYear(int year, String notice, OffsetDateTime loadedAt, int holidays, int workdays,
        int workingDays, List<CalendarDay> days) {

    public List<CalendarDay> holidayDays() {
        return days.stream().filter(d -> d.kind() == CalendarDay.Kind.HOLIDAY).toList();
    }

    public List<CalendarDay> workdayDays() {
        return days.stream().filter(d -> d.kind() == CalendarDay.Kind.WORKDAY).toList();
    }
}
