package cn.onecity.region.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import cn.onecity.region.CalendarDay;
import cn.onecity.region.CalendarDay.Kind;

class DayLinesUnitTest {

    @Test
    void readsOneDateAndNameALineSkippingBlankLines() {
        DayLines.Parsed p = DayLines.parse("2027-01-01 元旦\r\n\n  2027-02-07\u3000春节调休  \n2027/4/5，清明节", Kind.WORKDAY);
        assertThat(p.errors()).isEmpty();
        assertThat(p.days()).containsExactly(
                new CalendarDay(LocalDate.of(2027, 1, 1), Kind.WORKDAY, "元旦"),
                new CalendarDay(LocalDate.of(2027, 2, 7), Kind.WORKDAY, "春节调休"),
                new CalendarDay(LocalDate.of(2027, 4, 5), Kind.WORKDAY, "清明节"));
    }

    @Test
    void expandsARunOfDates() {
        DayLines.Parsed p = DayLines.parse("2027-02-05~2027-02-11 春节\n2027-10-01 至 2027-10-03 国庆节", Kind.HOLIDAY);
        assertThat(p.errors()).isEmpty();
        assertThat(p.days()).hasSize(10);
        assertThat(p.days().get(0).date()).isEqualTo(LocalDate.of(2027, 2, 5));
        assertThat(p.days().get(6).date()).isEqualTo(LocalDate.of(2027, 2, 11));
        assertThat(p.days().get(9).name()).isEqualTo("国庆节");
    }

    @Test
    void reportsBadLinesByNumberInChinese() {
        DayLines.Parsed p = DayLines.parse("元旦 2027-01-01\n2027-02-30 春节\n2027-02-11~2027-02-05 春节", Kind.HOLIDAY);
        assertThat(p.days()).isEmpty();
        assertThat(p.errors()).containsExactly(
                "第 1 行“元旦 2027-01-01”格式不对，应为“2027-01-01 元旦”",
                "第 2 行“2027-02-30 春节”中的日期无效（格式 YYYY-MM-DD）",
                "第 3 行的日期区间无效：结束日期须不早于开始日期，且不超过 31 天");
    }

    @Test
    void aDateWithoutANameIsLeftForTheCalendarToReject() {
        assertThat(DayLines.parse("2027-01-01", Kind.HOLIDAY).days())
                .containsExactly(new CalendarDay(LocalDate.of(2027, 1, 1), Kind.HOLIDAY, null));
    }

    @Test
    void formatsDaysBackToLines() {
        assertThat(DayLines.format(java.util.List.of(new CalendarDay(LocalDate.of(2027, 1, 1), Kind.HOLIDAY, "元旦"))))
                .isEqualTo("2027-01-01 元旦\n");
    }
}
