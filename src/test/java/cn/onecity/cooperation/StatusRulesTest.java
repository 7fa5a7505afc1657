package cn.onecity.cooperation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.onecity.region.WorkingCalendar;

/**
 * How status, light and progress follow from the records as of a date, on the working-day calendar of
 * migration V005 (国庆 2026: 10-01..10-07 off, Saturday 10-10 a working day; 中秋 09-25 off).
 */
@CooperationIntegrationTest
class StatusRulesTest {

    @Autowired
    WorkingCalendar calendar;

    static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    static Milestone milestone(String due, String doneOn) {
        return new Milestone(1, 1, 1, "里程碑", d(due), doneOn == null ? null : d(doneOn));
    }

    static StatusRules.Accepted accepted(String on, int percent) {
        return new StatusRules.Accepted(d(on), percent);
    }

    StatusRules.Derived derive(String deadline, List<Milestone> ms, List<StatusRules.Accepted> acc, String asOf) {
        return StatusRules.derive(d(deadline), ms, acc, d(asOf), calendar);
    }

    @Test
    void nothingAcceptedAndNothingDueIsNotStartedAndGreen() {
        StatusRules.Derived r = derive("2026-12-31", List.of(milestone("2026-11-30", null)), List.of(), "2026-03-02");
        assertThat(r.status()).isEqualTo(ItemStatus.NOT_STARTED);
        assertThat(r.light()).isEqualTo(Light.GREEN);
        assertThat(r.progress()).isZero();
        assertThat(r.nextDue()).isEqualTo(d("2026-11-30"));
    }

    @Test
    void acceptedProgressOrADoneMilestoneMeansOngoing() {
        StatusRules.Derived r = derive("2026-12-31", List.of(), List.of(accepted("2026-03-01", 30)), "2026-03-02");
        assertThat(r.status()).isEqualTo(ItemStatus.ONGOING);
        assertThat(r.progress()).isEqualTo(30);
        StatusRules.Derived m = derive("2026-12-31", List.of(milestone("2026-04-01", "2026-03-01")), List.of(), "2026-03-02");
        assertThat(m.status()).isEqualTo(ItemStatus.ONGOING);
    }

    @Test
    void theLatestAcceptedReportSetsTheProgress() {
        StatusRules.Derived r = derive("2026-12-31", List.of(),
                List.of(accepted("2026-03-01", 30), accepted("2026-05-01", 60)), "2026-06-01");
        assertThat(r.progress()).isEqualTo(60);
    }

    @Test
    void anAccepted100PercentReportCompletesTheItem() {
        StatusRules.Derived r = derive("2026-12-31", List.of(milestone("2026-11-30", null)),
                List.of(accepted("2026-06-10", 100)), "2026-06-10");
        assertThat(r.status()).isEqualTo(ItemStatus.COMPLETED);
        assertThat(r.light()).isEqualTo(Light.GREEN);
        assertThat(r.progress()).isEqualTo(100);
        assertThat(r.completedOn()).isEqualTo(d("2026-06-10"));
    }

    @Test
    void aCompletedItemStaysGreenAfterItsDeadlinePassed() {
        StatusRules.Derived r = derive("2026-03-31", List.of(milestone("2026-02-27", null)),
                List.of(accepted("2026-03-20", 100)), "2026-11-02");
        assertThat(r.status()).isEqualTo(ItemStatus.COMPLETED);
        assertThat(r.light()).isEqualTo(Light.GREEN);
    }

    @Test
    void asOfADateBeforeTheAcceptanceTheItemIsNotCompleted() {
        List<StatusRules.Accepted> acc = List.of(accepted("2026-05-01", 40), accepted("2026-06-10", 100));
        StatusRules.Derived before = derive("2026-12-31", List.of(), acc, "2026-06-09");
        assertThat(before.status()).isEqualTo(ItemStatus.ONGOING);
        assertThat(before.progress()).isEqualTo(40);
        assertThat(before.completedOn()).isNull();
        assertThat(derive("2026-12-31", List.of(), acc, "2026-04-30").status()).isEqualTo(ItemStatus.NOT_STARTED);
        assertThat(derive("2026-12-31", List.of(), acc, "2026-06-10").status()).isEqualTo(ItemStatus.COMPLETED);
    }

    @Test
    void aPassedDeadlineMakesTheItemDelayedAndRed() {
        StatusRules.Derived r = derive("2026-03-31", List.of(), List.of(accepted("2026-03-01", 80)), "2026-04-01");
        assertThat(r.status()).isEqualTo(ItemStatus.DELAYED);
        assertThat(r.light()).isEqualTo(Light.RED);
        assertThat(r.progress()).isEqualTo(80);
    }

    @Test
    void aMilestonePassedUndoneTurnsTheItemRedBeforeItsDeadline() {
        // 2026-03-02 is a Monday; the milestone is late from Tuesday
        List<Milestone> ms = List.of(milestone("2026-03-02", null));
        assertThat(derive("2026-12-31", ms, List.of(), "2026-03-02").light()).isNotEqualTo(Light.RED);
        StatusRules.Derived late = derive("2026-12-31", ms, List.of(), "2026-03-03");
        assertThat(late.status()).isEqualTo(ItemStatus.DELAYED);
        assertThat(late.light()).isEqualTo(Light.RED);
        assertThat(late.lateMilestones()).isEqualTo(1);
        // the same milestone done in time keeps it on track
        StatusRules.Derived done = derive("2026-12-31", List.of(milestone("2026-03-02", "2026-03-02")), List.of(), "2026-03-03");
        assertThat(done.status()).isEqualTo(ItemStatus.ONGOING);
        assertThat(done.light()).isEqualTo(Light.GREEN);
    }

    @Test
    void yellowCountsWorkingDaysNotCalendarDaysAroundNationalDay2026() {
        // due Friday 2026-10-09. From Thursday 09-24 that is 15 calendar days but only 5 working days
        // (09-28, 09-29, 09-30, 10-08, 10-09): yellow. From Wednesday 09-23 it is 6 working days: green.
        List<Milestone> ms = List.of(milestone("2026-10-09", null));
        assertThat(derive("2026-12-31", ms, List.of(), "2026-09-24").light()).isEqualTo(Light.YELLOW);
        assertThat(derive("2026-12-31", ms, List.of(), "2026-09-23").light()).isEqualTo(Light.GREEN);
        // on 09-30 the due date is 9 calendar days away yet only 2 working days: yellow, status not late
        StatusRules.Derived r = derive("2026-12-31", ms, List.of(), "2026-09-30");
        assertThat(r.light()).isEqualTo(Light.YELLOW);
        assertThat(r.status()).isEqualTo(ItemStatus.NOT_STARTED);
    }

    @Test
    void yellowWithinFiveWorkingDaysOfAnOrdinaryWeek() {
        // due Monday 2026-03-16: from Monday 03-09 it is 5 working days (10..13, 16), from Friday 03-06 six
        List<Milestone> ms = List.of(milestone("2026-03-16", null));
        assertThat(derive("2026-12-31", ms, List.of(), "2026-03-09").light()).isEqualTo(Light.YELLOW);
        assertThat(derive("2026-12-31", ms, List.of(), "2026-03-06").light()).isEqualTo(Light.GREEN);
        // the deadline counts as a due date too
        assertThat(derive("2026-03-16", List.of(), List.of(), "2026-03-09").light()).isEqualTo(Light.YELLOW);
    }

    @Test
    void aDueDateOnAHolidayMovesToTheNextWorkingDay() {
        // deadline Saturday 2026-10-03 (国庆): it moves to Thursday 10-08, so the item is late only from 10-09
        StatusRules.Derived onTheWorkingDay = derive("2026-10-03", List.of(), List.of(), "2026-10-08");
        assertThat(onTheWorkingDay.status()).isNotEqualTo(ItemStatus.DELAYED);
        assertThat(onTheWorkingDay.light()).isEqualTo(Light.YELLOW);
        StatusRules.Derived after = derive("2026-10-03", List.of(), List.of(), "2026-10-09");
        assertThat(after.status()).isEqualTo(ItemStatus.DELAYED);
        assertThat(after.light()).isEqualTo(Light.RED);
        // a milestone due on a holiday moves likewise
        List<Milestone> ms = List.of(milestone("2026-10-05", null));
        assertThat(derive("2026-12-31", ms, List.of(), "2026-10-08").status()).isNotEqualTo(ItemStatus.DELAYED);
        assertThat(derive("2026-12-31", ms, List.of(), "2026-10-09").status()).isEqualTo(ItemStatus.DELAYED);
        // an ordinary weekday due date is late the next day
        assertThat(derive("2026-10-09", List.of(), List.of(), "2026-10-10").status()).isEqualTo(ItemStatus.DELAYED);
    }

    @Test
    void progressRollsUpByWeight() {
        List<ItemView> items = List.of(view(1.0, 100), view(3.0, 0), view(1.0, 50));
        // (1·100 + 3·0 + 1·50) / 5 = 30
        assertThat(StatusRules.rollUp(items)).isEqualTo(30.0);
        assertThat(StatusRules.rollUp(List.of(view(2.0, 33), view(1.0, 34)))).isEqualTo(33.3);
        assertThat(StatusRules.rollUp(List.of())).isZero();
    }

    static ItemView view(double weight, int progress) {
        return new ItemView(1, "X-1", "事项", Area.INDUSTRY, 1, 1, "行动", "430100", "430100-FGW", "长沙市发展和改革委员会",
                List.of(), "目标", d("2026-12-31"), weight, null, d("2026-06-01"), progress,
                progress >= 100 ? ItemStatus.COMPLETED : ItemStatus.ONGOING, Light.GREEN, null, null, 0);
    }
}
