package cn.onecity.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class ReplayableClockTest {

    final ReplayableClock clock = new ReplayableClock(Times.ZONE, true);
    final Instant past = Instant.parse("2026-11-20T01:30:00Z");

    @Test
    void aReplayedMomentIsSeenOnlyByTheReplayingThreadAndOnlyWhileItReplays() {
        clock.replay(past, () -> {
            assertThat(clock.instant()).isEqualTo(past);
            assertThat(clock.withZone(ZoneId.of("UTC")).instant()).isEqualTo(past);
            Instant elsewhere = CompletableFuture.supplyAsync(clock::instant).join();
            assertThat(Duration.between(elsewhere, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
        });
        assertThat(Duration.between(clock.instant(), Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void aNestedReplayRestoresTheOuterMoment() {
        Instant inner = past.plus(Duration.ofHours(3));
        clock.replay(past, () -> {
            clock.replay(inner, () -> assertThat(clock.instant()).isEqualTo(inner));
            assertThat(clock.instant()).isEqualTo(past);
        });
    }

    @Test
    void aClockNotBuiltForDemoDataRefusesToReplay() {
        ReplayableClock production = new ReplayableClock(Times.ZONE, false);
        assertThatThrownBy(() -> production.replay(past, () -> {
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("demo");
        assertThat(Duration.between(production.instant(), Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void theFutureCannotBeReplayed() {
        assertThatThrownBy(() -> clock.replay(Instant.now().plus(Duration.ofDays(1)), () -> {
        })).isInstanceOf(IllegalArgumentException.class);
    }
}
