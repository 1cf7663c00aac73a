package dev.parley.nat.link.internal;

import java.time.Duration;
import java.util.Optional;

/** RFC 6298 smoothed RTT (alpha 1/8). Thread safe. */
final class RttEstimator {
    private long srttNanos = -1;

    synchronized void sample(Duration rtt) {
        long r = Math.max(0, rtt.toNanos());
        srttNanos = srttNanos < 0 ? r : srttNanos + (r - srttNanos) / 8;
    }

    synchronized void reset() {
        srttNanos = -1;
    }

    synchronized Optional<Duration> smoothed() {
        return srttNanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(srttNanos));
    }
}
