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
 */
public final class ReplayableClock extends Clock {

    private static final ThreadLocal<Instant> REPLAYED = new ThreadLocal<>();

    private final ZoneId zone;

    public ReplayableClock(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone);
    }

    /**
     * Runs {@code work} on this thread as if it were {@code moment}; nested calls see their own moment, and the
     * previous one is restored afterwards. A moment in the future is refused: replay is for the past only.
     */
    public static void replay(Instant moment, Runnable work) {
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
        return zone.equals(this.zone) ? this : new ReplayableClock(zone);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReplayableClock c && c.zone.equals(zone);
    }

    @Override
    public int hashCode() {
        return zone.hashCode() + 1;
    }

    @Override
    public String toString() {
        return "ReplayableClock[" + zone + "]";
    }
}
