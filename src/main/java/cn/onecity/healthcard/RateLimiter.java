package cn.onecity.healthcard;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per key: {@code burst} requests at once, refilled at {@code perSecond}. In memory, so per instance
 * (behind a load balancer each instance allows the rate: size it for that).
 */
final class RateLimiter {

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanos;
    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(double perSecond, int burst, LongSupplier nanos) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("the rate and the burst must be positive");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanos = nanos;
    }

    /** Takes a token for the key; false when its bucket is empty. */
    boolean tryAcquire(long key) {
        return buckets.computeIfAbsent(key, k -> new Bucket(burst, nanos.getAsLong())).take(perSecond, burst, nanos.getAsLong());
    }

    private static final class Bucket {
        private double tokens;
        private long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        synchronized boolean take(double perSecond, double burst, long now) {
            tokens = Math.min(burst, tokens + (now - at) / 1e9 * perSecond);
            at = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
