package cn.onecity.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ServicesIntegrationTest
class ServiceClockIntegrationTest {

    @Autowired ServiceClock clock;

    @Test
    void theDueDateSkipsTheSpringFestivalAndCountsTheAdjustedSaturday() {
        ServiceClock.Due due = clock.due(LocalDate.of(2026, 2, 12), 5);
        assertThat(due.date()).isEqualTo(LocalDate.of(2026, 2, 26));
        assertThat(due.provisional()).isFalse();
    }

    @Test
    void aYearWithoutAPublishedArrangementFallsBackToMondayToFridayAndSaysSo() {
        // 2027's arrangement is not loaded: Mon 2027-01-04 + 3 working days = Thu 2027-01-07, marked provisional
        ServiceClock.Due due = clock.due(LocalDate.of(2027, 1, 4), 3);
        assertThat(due.date()).isEqualTo(LocalDate.of(2027, 1, 7));
        assertThat(due.provisional()).isTrue();
        ClockState s = clock.state(LocalDate.of(2027, 1, 4), 3, 0, null, null, LocalDate.of(2027, 1, 5));
        assertThat(s.text()).contains("暂按周一至周五计算");
    }

    @Test
    void lightsAreGreenThenYellowOnTheLastWorkingDayThenRedAndFrozenWhilePaused() {
        LocalDate start = LocalDate.of(2026, 6, 1); // Monday; 3 working days → due Thu 6/4
        assertThat(clock.state(start, 3, 0, null, null, LocalDate.of(2026, 6, 2)).light()).isEqualTo(ClockState.Light.GREEN);
        assertThat(clock.state(start, 3, 0, null, null, LocalDate.of(2026, 6, 3)).light()).isEqualTo(ClockState.Light.YELLOW);
        assertThat(clock.state(start, 3, 0, null, null, LocalDate.of(2026, 6, 4)).light()).isEqualTo(ClockState.Light.YELLOW);
        assertThat(clock.state(start, 3, 0, null, null, LocalDate.of(2026, 6, 5)).light()).isEqualTo(ClockState.Light.RED);
        ClockState paused = clock.state(start, 3, 0, LocalDate.of(2026, 6, 2), null, LocalDate.of(2026, 6, 30));
        assertThat(paused.light()).isEqualTo(ClockState.Light.GREEN);
        assertThat(paused.used()).isEqualTo(1);
        assertThat(paused.text()).contains("补正中计时暂停");
    }
}
