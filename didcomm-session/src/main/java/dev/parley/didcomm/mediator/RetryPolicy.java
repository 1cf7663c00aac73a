package dev.parley.didcomm.mediator;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter for calls to a mediator. Immutable.
 *
 * @param maxAttempts tries per call, at least 1
 * @param initialBackoff the cap of the first wait
 * @param maxBackoff the largest wait
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(5));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoffs must satisfy 0 <= initial <= max");
        }
    }

    /** The wait before retry number {@code attempt} (1 = first retry): uniform in [0, min(max, initial*2^(a-1))]. */
    public Duration backoff(int attempt, RandomGenerator random) {
        long cap = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(20, attempt - 1));
        return Duration.ofMillis(cap <= 0 ? 0 : random.nextLong(cap + 1));
    }
}
