package cn.onecity.ecology.internal;

import cn.onecity.shared.BusinessException;

/** The year of a report: the current one by default; before 2000 or after the current year is refused. */
final class EcologyReportsYear {

    private EcologyReportsYear() {
    }

    static int check(Integer year, int current) {
        if (year == null) {
            return current;
        }
        if (year < 2000 || year > current) {
            throw BusinessException.invalid("year", "年份应在 2000 至 " + current + " 之间");
        }
        return year;
    }
}
