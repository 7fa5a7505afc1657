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

    final Clock clock = new ReplayableClock(Times.ZONE);
    final Instant past = Instant.parse("2026-11-20T01:30:00Z");

    @Test
    void aReplayedMomentIsSeenOnlyByTheReplayingThreadAndOnlyWhileItReplays() {
        ReplayableClock.replay(past, () -> {
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
        ReplayableClock.replay(past, () -> {
            ReplayableClock.replay(inner, () -> assertThat(clock.instant()).isEqualTo(inner));
            assertThat(clock.instant()).isEqualTo(past);
        });
    }

    @Test
    void theFutureCannotBeReplayed() {
        assertThatThrownBy(() -> ReplayableClock.replay(Instant.now().plus(Duration.ofDays(1)), () -> {
        })).isInstanceOf(IllegalArgumentException.class);
    }
}
