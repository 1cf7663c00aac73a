package dev.parley.nat.internal;

import java.net.InetAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-source-address token buckets with a bounded table: when full, the least recently seen
 * source is forgotten, so a spoofed-source flood costs memory of at most {@code maxSources}
 * buckets. Thread safe.
 */
public final class SourceRateLimiter {
    private final Clock clock;
    private final double perSecond;
    private final double burst;
    private final Map<InetAddress, TokenBucket> buckets;

    public SourceRateLimiter(Clock clock, double perSecond, double burst, int maxSources) {
        this.clock = clock;
        this.perSecond = perSecond;
        this.burst = burst;
        this.buckets = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, TokenBucket> eldest) {
                return size() > maxSources;
            }
        };
    }

    public synchronized boolean allow(InetAddress source) {
        return buckets.computeIfAbsent(source, s -> new TokenBucket(clock, perSecond, burst)).tryTake(1);
    }
}
