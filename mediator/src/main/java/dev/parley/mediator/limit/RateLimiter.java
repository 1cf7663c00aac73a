package dev.parley.mediator.limit;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A token bucket per client key (the remote address). Thread-safe. Memory is bounded: at most
 * {@code maxClients} buckets are kept, least recently used first out, so a flood of spoofed keys cannot
 * exhaust the heap (an evicted client simply starts again with a full bucket). Time comes from the
 * injected clock so tests are deterministic.
 */
public final class RateLimiter {

    private final Clock clock;
    private final double tokensPerNano;
    private final double burst;
    private final Map<String, Bucket> buckets; // guarded by this

    private static final class Bucket {
        double tokens;
        long lastNanos;
    }

    /**
     * @param perSecond sustained rate
     * @param burst bucket size: requests allowed at once
     * @param maxClients buckets kept at most
     */
    public RateLimiter(Clock clock, double perSecond, int burst, int maxClients) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (!(perSecond > 0) || burst <= 0 || maxClients <= 0) {
            throw new IllegalArgumentException("rate, burst and client count must be positive");
        }
        this.tokensPerNano = perSecond / 1e9;
        this.burst = burst;
        this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxClients;
            }
        };
    }

    /** Takes one token for {@code client}; false when the client is over its rate. */
    public synchronized boolean tryAcquire(String client) {
        long now = nanos();
        Bucket b = buckets.get(client);
        if (b == null) {
            b = new Bucket();
            b.tokens = burst;
            b.lastNanos = now;
            buckets.put(client, b);
        }
        b.tokens = Math.min(burst, b.tokens + Math.max(0, now - b.lastNanos) * tokensPerNano);
        b.lastNanos = now;
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return true;
        }
        return false;
    }

    private long nanos() {
        java.time.Instant i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
