package cn.onecity.shared;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The platform's clock: system time, in Beijing unless asked for another zone. The current thread may
 * {@linkplain #replay replay} a past moment, so that demo data loaded through the modules' real commands carries
 * believable dates (a case submitted some working days ago, handled, then completed) in every record those
 * commands write, the workflow engine's included. Only that thread sees the replayed moment; requests and
 * scheduled jobs on other threads keep reading the real time.
 * <p>
 * Replaying back-dates everything the thread writes, the operation log included, so a clock allows it only when
 * built for demo data ({@code onecity.demo.enabled}); the production clock refuses.
 */
public final class ReplayableClock extends Clock {

    private static final ThreadLocal<Instant> REPLAYED = new ThreadLocal<>();

    private final ZoneId zone;
    private final boolean replayAllowed;

    /** {@code replayAllowed}: whether {@link #replay} may be used (demo data only). */
    public ReplayableClock(ZoneId zone, boolean replayAllowed) {
        this.zone = Objects.requireNonNull(zone);
        this.replayAllowed = replayAllowed;
    }

    public boolean replayAllowed() {
        return replayAllowed;
    }

    /** Whether the current thread is {@linkplain #replay replaying} a past moment (loading demo data). */
    public boolean replaying() {
        return REPLAYED.get() != null;
    }

    /**
     * Runs {@code work} on this thread as if it were {@code moment}; nested calls see their own moment, and the
     * previous one is restored afterwards. A moment in the future is refused: replay is for the past only. Refused
     * too on a clock that does not allow replay.
     */
    public void replay(Instant moment, Runnable work) {
        if (!replayAllowed) {
            throw new IllegalStateException("replaying a past moment is for demo data only (onecity.demo.enabled)");
        }
        if (moment.isAfter(Instant.now())) {
            throw new IllegalArgumentException("cannot replay a moment in the future: " + moment);
        }
        Instant previous = REPLAYED.get();
        REPLAYED.set(moment);
        try {
            work.run();
        } finally {
            if (previous == null) {
                REPLAYED.remove();
            } else {
                REPLAYED.set(previous);
            }
        }
    }

    @Override
    public Instant instant() {
        Instant replayed = REPLAYED.get();
        return replayed != null ? replayed : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(this.zone) ? this : new ReplayableClock(zone, replayAllowed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReplayableClock c && c.zone.equals(zone) && c.replayAllowed == replayAllowed;
    }

    @Override
    public int hashCode() {
        return zone.hashCode() + (replayAllowed ? 2 : 1);
    }

    @Override
    public String toString() {
        return "ReplayableClock[" + zone + "]";
    }
}
