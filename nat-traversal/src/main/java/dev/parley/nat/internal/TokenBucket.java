package dev.parley.nat.internal;

import java.time.Clock;

/**
 * A token bucket refilled from an injected clock. Not thread safe: callers hold their own lock
 * (each bucket belongs to one source or one allocation).
 */
public final class TokenBucket {
    private final Clock clock;
    private final double ratePerNano;
    private final double capacity;
    private double tokens;
    private long lastNanos;

    public TokenBucket(Clock clock, double ratePerSecond, double capacity) {
        if (ratePerSecond <= 0 || capacity <= 0) {
            throw new IllegalArgumentException("rate and capacity must be positive");
        }
        this.clock = clock;
        this.ratePerNano = ratePerSecond / 1e9;
        this.capacity = capacity;
        this.tokens = capacity;
        this.lastNanos = nanos();
    }

    /** Takes {@code amount} tokens if available; returns false (taking nothing) otherwise. */
    public boolean tryTake(double amount) {
        long now = nanos();
        tokens = Math.min(capacity, tokens + Math.max(0, now - lastNanos) * ratePerNano);
        lastNanos = now;
        if (tokens < amount) {
            return false;
        }
        tokens -= amount;
        return true;
    }

    private long nanos() {
        var i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
