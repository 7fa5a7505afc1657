package cn.onecity.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import cn.onecity.region.CalendarDay.Kind;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;

/**
 * The calendar as loaded by V005 (2024–2026, State Council notices), checked against hand-counted dates.
 * Reads the database only; never assumes an empty table and never loads 2027 (other tests expect it unloaded).
 */
@SpringBootTest
@ActiveProfiles("test")
class WorkingCalendarIntegrationTest {

    static final cn.onecity.identity.CurrentUser ADMIN = new cn.onecity.identity.CurrentUser(0, "test-admin", "测试管理员",
            cn.onecity.identity.Role.ADMIN, 0, "一座城平台运维中心", null, null);

    @Autowired
    WorkingCalendar calendar;
    @Autowired
    JdbcClient jdbc;

    static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    @Nested
    class SpringFestival {

        @Test
        void dueDateSpansTheNineDayBreakOf2026() {
            // 2/14 (Sat) is an adjusted working day, 2/15–2/23 are off, 2/28 (Sat) is an adjusted working day
            assertThat(calendar.dueDate(d("2026-02-12"), 1)).isEqualTo(d("2026-02-13"));
            assertThat(calendar.dueDate(d("2026-02-12"), 2)).isEqualTo(d("2026-02-14"));
            assertThat(calendar.dueDate(d("2026-02-12"), 3)).isEqualTo(d("2026-02-24"));
            assertThat(calendar.dueDate(d("2026-02-13"), 5)).isEqualTo(d("2026-02-27"));
            assertThat(calendar.dueDate(d("2026-02-13"), 6)).isEqualTo(d("2026-02-28"));
            assertThat(calendar.dueDate(d("2026-02-13"), 7)).isEqualTo(d("2026-03-02"));
        }

        @Test
        void dueDateAroundSpringFestival2025() {
            // 1/26 (Sun) working, 1/28–2/4 off, 2/8 (Sat) working
            assertThat(calendar.dueDate(d("2025-01-24"), 1)).isEqualTo(d("2025-01-26"));
            assertThat(calendar.dueDate(d("2025-01-24"), 2)).isEqualTo(d("2025-01-27"));
            assertThat(calendar.dueDate(d("2025-01-24"), 3)).isEqualTo(d("2025-02-05"));
            assertThat(calendar.dueDate(d("2025-01-27"), 4)).isEqualTo(d("2025-02-08"));
            assertThat(calendar.dueDate(d("2025-01-27"), 5)).isEqualTo(d("2025-02-10"));
        }

        @Test
        void workingDaysAcrossTheBreakCountBothEnds() {
            // 2026-02-09..02-13 (5) + 02-14 (Sat, adjusted) + 02-24..02-27 (4) + 02-28 (Sat, adjusted)
            assertThat(calendar.workingDaysBetween(d("2026-02-09"), d("2026-02-28"))).isEqualTo(11);
            assertThat(calendar.workingDaysBetween(d("2026-02-15"), d("2026-02-23"))).isZero();
        }
    }

    @Nested
    class NationalDay {

        @Test
        void nationalDay2024() {
            assertThat(calendar.dueDate(d("2024-09-27"), 1)).isEqualTo(d("2024-09-29"));
            assertThat(calendar.dueDate(d("2024-09-27"), 2)).isEqualTo(d("2024-09-30"));
            assertThat(calendar.dueDate(d("2024-09-27"), 3)).isEqualTo(d("2024-10-08"));
            assertThat(calendar.dueDate(d("2024-10-08"), 4)).isEqualTo(d("2024-10-12"));
            assertThat(calendar.workingDaysBetween(d("2024-09-28"), d("2024-10-13"))).isEqualTo(7);
        }

        @Test
        void nationalDayAndMidAutumnMerged2025() {
            assertThat(calendar.dueDate(d("2025-09-26"), 1)).isEqualTo(d("2025-09-28"));
            assertThat(calendar.dueDate(d("2025-09-26"), 4)).isEqualTo(d("2025-10-09"));
            assertThat(calendar.dueDate(d("2025-09-30"), 3)).isEqualTo(d("2025-10-11"));
            // 23 weekdays in October 2025, 6 of them off, plus Saturday 10/11
            assertThat(calendar.workingDaysBetween(d("2025-10-01"), d("2025-10-31"))).isEqualTo(18);
        }

        @Test
        void nationalDay2026() {
            assertThat(calendar.dueDate(d("2026-09-30"), 1)).isEqualTo(d("2026-10-08"));
            assertThat(calendar.dueDate(d("2026-09-30"), 3)).isEqualTo(d("2026-10-10"));
            assertThat(calendar.dueDate(d("2026-09-24"), 2)).isEqualTo(d("2026-09-29"));
            assertThat(calendar.workingDaysBetween(d("2026-09-19"), d("2026-10-11"))).isEqualTo(11);
        }
    }

    @Test
    void adjustedWeekendDaysAreWorkingDays() {
        assertThat(calendar.isWorkingDay(d("2026-02-14"))).isTrue();
        assertThat(calendar.isWorkingDay(d("2026-02-28"))).isTrue();
        assertThat(calendar.isWorkingDay(d("2025-02-08"))).isTrue();
        assertThat(calendar.isWorkingDay(d("2024-10-12"))).isTrue();
        assertThat(calendar.isWorkingDay(d("2026-01-04"))).isTrue();
        // ordinary weekend days and weekdays off are not
        assertThat(calendar.isWorkingDay(d("2026-02-21"))).isFalse();
        assertThat(calendar.isWorkingDay(d("2026-02-16"))).isFalse();
        assertThat(calendar.isWorkingDay(d("2024-10-13"))).isFalse();
        assertThat(calendar.isWorkingDay(d("2024-02-09"))).isTrue(); // 除夕 2024 was not a day off
    }

    @Test
    void yearBoundary2024To2025() {
        assertThat(calendar.dueDate(d("2024-12-31"), 1)).isEqualTo(d("2025-01-02"));
        assertThat(calendar.dueDate(d("2024-12-30"), 2)).isEqualTo(d("2025-01-02"));
        assertThat(calendar.workingDaysBetween(d("2024-12-28"), d("2025-01-05"))).isEqualTo(4);
    }

    @Test
    void yearBoundary2025To2026() {
        // 2026-01-01..03 off, Sunday 2026-01-04 is an adjusted working day
        assertThat(calendar.dueDate(d("2025-12-31"), 1)).isEqualTo(d("2026-01-04"));
        assertThat(calendar.dueDate(d("2025-12-30"), 2)).isEqualTo(d("2026-01-04"));
        assertThat(calendar.dueDate(d("2025-12-30"), 3)).isEqualTo(d("2026-01-05"));
    }

    @Test
    void startOnAHolidayIsStillDayZero() {
        assertThat(calendar.dueDate(d("2026-02-17"), 1)).isEqualTo(d("2026-02-24"));
        assertThat(calendar.dueDate(d("2026-02-21"), 1)).isEqualTo(d("2026-02-24"));
        assertThat(calendar.dueDate(d("2024-10-01"), 1)).isEqualTo(d("2024-10-08"));
        // a start on an adjusted working day is day 0 too
        assertThat(calendar.dueDate(d("2026-02-14"), 1)).isEqualTo(d("2026-02-24"));
    }

    @Test
    void zeroWorkingDaysIsTheStartItself() {
        assertThat(calendar.dueDate(d("2026-02-17"), 0)).isEqualTo(d("2026-02-17"));
        assertThat(calendar.dueDate(d("2026-03-02"), 0)).isEqualTo(d("2026-03-02"));
        assertThat(calendar.dueDate(d("2026-12-31"), 0)).isEqualTo(d("2026-12-31"));
    }

    @Test
    void workingDaysPerYearMatchTheNotices() {
        assertThat(calendar.workingDaysBetween(d("2024-01-01"), d("2024-12-31"))).isEqualTo(251);
        assertThat(calendar.workingDaysBetween(d("2025-01-01"), d("2025-12-31"))).isEqualTo(248);
        assertThat(calendar.workingDaysBetween(d("2026-01-01"), d("2026-12-31"))).isEqualTo(248);
    }

    @Test
    void workingDaysBetweenIsZeroWhenToIsBeforeFrom() {
        assertThat(calendar.workingDaysBetween(d("2026-03-10"), d("2026-03-01"))).isZero();
    }

    @Test
    void workingDaysUntilCountsAfterToday() {
        assertThat(calendar.workingDaysUntil(d("2026-02-13"), d("2026-02-24"))).isEqualTo(2);
        assertThat(calendar.workingDaysUntil(d("2026-02-24"), d("2026-02-24"))).isZero();
        assertThat(calendar.workingDaysUntil(d("2026-03-01"), d("2026-02-24"))).isZero();
    }

    @Test
    void aComputationReachingAnUnloadedYearFailsWithTheYear() {
        assertThatThrownBy(() -> calendar.dueDate(d("2026-12-31"), 1))
                .isInstanceOf(YearNotLoadedException.class)
                .hasMessageContaining("2027 年的法定节假日安排尚未录入")
                .satisfies(e -> assertThat(((YearNotLoadedException) e).year()).isEqualTo(2027))
                .satisfies(e -> assertThat(((YearNotLoadedException) e).status()).isEqualTo(422));
        // the working days still inside 2026 are not enough
        assertThatThrownBy(() -> calendar.dueDate(d("2026-12-25"), 5)).isInstanceOf(YearNotLoadedException.class);
        assertThatThrownBy(() -> calendar.workingDaysBetween(d("2026-12-01"), d("2027-01-10")))
                .isInstanceOf(YearNotLoadedException.class);
        assertThatThrownBy(() -> calendar.isWorkingDay(d("2027-03-01"))).isInstanceOf(YearNotLoadedException.class);
        assertThatThrownBy(() -> calendar.dueDate(d("2027-03-01"), 1)).isInstanceOf(YearNotLoadedException.class);
    }

    @Test
    void dueDateEndingInsideTheLastLoadedYearDoesNotNeedTheNextYear() {
        // 2026-12-25 (Fri) + 4 working days = 12-31 (Thu), even though the look-ahead reaches into 2027
        assertThat(calendar.dueDate(d("2026-12-25"), 4)).isEqualTo(d("2026-12-31"));
    }

    @Test
    void theStartDayIsNotCountedSoItsYearNeedNotBeLoaded() {
        // 2023 is not loaded, but day 0 is never looked at: 2024-01-01 is a day off, 01-02 is day 1
        assertThat(calendar.dueDate(d("2023-12-31"), 1)).isEqualTo(d("2024-01-02"));
        assertThat(calendar.dueDate(d("2027-03-01"), 0)).isEqualTo(d("2027-03-01"));
    }

    @Test
    void negativeOrHugeWorkingDaysAreRejected() {
        assertThatThrownBy(() -> calendar.dueDate(d("2026-03-02"), -1))
                .isInstanceOf(cn.onecity.shared.BusinessException.class).hasMessageContaining("不能为负数");
        assertThatThrownBy(() -> calendar.dueDate(d("2026-03-02"), 100_000))
                .isInstanceOf(cn.onecity.shared.BusinessException.class).hasMessageContaining("过大");
    }

    @Nested
    class DefiningAYear {

        /** Far from the years other tests use; removed before and after each test. */
        static final int YEAR = 2031;

        @org.junit.jupiter.api.BeforeEach
        @org.junit.jupiter.api.AfterEach
        void removeTheYear() {
            jdbc.sql("DELETE FROM reg_calendar_day WHERE the_date BETWEEN :a AND :b")
                    .param("a", LocalDate.of(YEAR, 1, 1)).param("b", LocalDate.of(YEAR, 12, 31)).update();
            jdbc.sql("DELETE FROM reg_calendar_year WHERE calendar_year = :y").param("y", YEAR).update();
        }

        static CalendarDay off(String date, String name) {
            return new CalendarDay(d(date), Kind.HOLIDAY, name);
        }

        static CalendarDay on(String date, String name) {
            return new CalendarDay(d(date), Kind.WORKDAY, name);
        }

        List<FieldMessage> errorsOf(String notice, List<CalendarDay> days) {
            try {
                calendar.defineYear(ADMIN, YEAR, notice, days);
            } catch (BusinessException e) {
                assertThat(e.status()).isEqualTo(400);
                return e.errors();
            }
            throw new AssertionError("defineYear accepted an invalid arrangement");
        }

        @Test
        void aDefinedYearCanBeComputedWithAndIsAudited() {
            // 2031-01-01 is a Wednesday; Saturday 2031-01-04 becomes a working day
            boolean replaced = calendar.defineYear(ADMIN, YEAR, " 国办发明电〔2030〕1号 ",
                    List.of(off("2031-01-01", "元旦"), off("2031-01-02", "元旦"), off("2031-01-03", "元旦"),
                            on("2031-01-04", "元旦调休")));
            assertThat(replaced).isFalse();
            assertThat(calendar.loadedYears()).contains(YEAR);
            assertThat(calendar.dueDate(d("2030-12-31"), 1)).isEqualTo(d("2031-01-04"));
            assertThat(calendar.dueDate(d("2031-01-01"), 2)).isEqualTo(d("2031-01-06"));
            CalendarYear y = calendar.year(YEAR);
            assertThat(y.notice()).isEqualTo("国办发明电〔2030〕1号");
            assertThat(y.holidays()).isEqualTo(3);
            assertThat(y.workdays()).isEqualTo(1);
            // 2031 has 261 weekdays; three of them off (01-01 Wed to 01-03 Fri), plus one Saturday working
            assertThat(y.workingDays()).isEqualTo(261 - 3 + 1);
            assertThat(calendar.workingDaysBetween(d("2031-01-01"), d("2031-12-31"))).isEqualTo(y.workingDays());
            Integer audited = jdbc.sql("SELECT COUNT(*) FROM idn_operation_log WHERE module = 'region' AND action = '录入节假日安排' AND target = '2031 年'")
                    .query(Integer.class).single();
            assertThat(audited).isGreaterThanOrEqualTo(1);
        }

        @Test
        void definingAgainReplacesTheWholeYear() {
            calendar.defineYear(ADMIN, YEAR, "国办发明电〔2030〕1号", List.of(off("2031-01-01", "元旦"), on("2031-01-04", "元旦调休")));
            boolean replaced = calendar.defineYear(ADMIN, YEAR, "国办发明电〔2030〕2号", List.of(off("2031-05-01", "劳动节")));
            assertThat(replaced).isTrue();
            assertThat(calendar.days(YEAR)).containsExactly(off("2031-05-01", "劳动节"));
            assertThat(calendar.isWorkingDay(d("2031-01-01"))).isTrue();
            assertThat(calendar.isWorkingDay(d("2031-01-04"))).isFalse();
        }

        @Test
        void onlyAnAdministratorMayDefineAYearWhoeverCallsTheModule() {
            cn.onecity.identity.CurrentUser office = new cn.onecity.identity.CurrentUser(0, "test-office", "一体化办",
                    cn.onecity.identity.Role.JOINT_OFFICE, 0, "长株潭一体化发展事务中心", null, null);
            assertThatThrownBy(() -> calendar.defineYear(office, YEAR, "通知", List.of(off("2031-01-01", "元旦"))))
                    .isInstanceOf(cn.onecity.shared.ForbiddenException.class);
            assertThatThrownBy(() -> calendar.defineYear(null, YEAR, "通知", List.of(off("2031-01-01", "元旦"))))
                    .isInstanceOf(cn.onecity.shared.ForbiddenException.class);
            assertThat(calendar.findYear(YEAR)).isEmpty();
        }

        @Test
        void everyDateMustLieInsideTheYear() {
            assertThat(errorsOf("通知", List.of(off("2031-01-01", "元旦"), off("2030-12-31", "元旦"), on("2032-01-03", "调休"))))
                    .contains(new FieldMessage("holidays", "2030-12-31 不在 2031 年内"),
                            new FieldMessage("workdays", "2032-01-03 不在 2031 年内"));
            assertThat(calendar.loadedYears()).doesNotContain(YEAR);
        }

        @Test
        void aDateCannotBeBothOffAndWorking() {
            assertThat(errorsOf("通知", List.of(off("2031-01-04", "元旦"), on("2031-01-04", "元旦调休"))))
                    .contains(new FieldMessage("workdays", "2031-01-04 不能既是放假日又是调休上班日"));
        }

        @Test
        void adjustedWorkingDaysMustBeSaturdayOrSunday() {
            assertThat(errorsOf("通知", List.of(off("2031-01-01", "元旦"), on("2031-01-06", "元旦调休"))))
                    .containsExactly(new FieldMessage("workdays", "2031-01-06 是周一，调休上班日只能是周六或周日"));
        }

        @Test
        void theNoticeAndAtLeastOneDayOffAreRequired() {
            assertThat(errorsOf("  ", List.of()))
                    .extracting(FieldMessage::field).containsExactlyInAnyOrder("notice", "holidays");
            assertThat(errorsOf(null, null)).extracting(FieldMessage::field).contains("notice", "holidays");
        }

        @Test
        void namesAreRequiredAndDatesListedOnce() {
            assertThat(errorsOf("通知", List.of(off("2031-01-01", " "), off("2031-01-02", "元旦"), off("2031-01-02", "元旦"))))
                    .contains(new FieldMessage("holidays", "2031-01-01 缺少名称（如“春节”或“春节调休”）"),
                            new FieldMessage("holidays", "2031-01-02 重复录入"));
        }

        @Test
        void theYearMustBePlausible() {
            assertThatThrownBy(() -> calendar.defineYear(ADMIN, 1999, "通知", List.of(off("1999-01-01", "元旦"))))
                    .isInstanceOf(BusinessException.class)
                    .satisfies(e -> assertThat(((BusinessException) e).errors()).extracting(FieldMessage::field).contains("year"));
        }
    }
}
