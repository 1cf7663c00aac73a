package dev.parley.nat.relay;

import java.time.Duration;

/**
 * Bounds the relay enforces per allocation and overall.
 *
 * @param maxFrameBytes      largest frame forwarded (larger ones are dropped)
 * @param bytesPerSecond     sustained forwarding rate of one allocation, both directions together
 * @param burstBytes         bytes an allocation may forward at once above the rate
 * @param maxTotalBytes      bytes an allocation may forward in its whole life, then it is closed
 * @param maxLifetime        cap on an allocation's life, whatever its tokens say
 * @param maxAllocations     live allocations the relay holds at once
 */
public record RelayLimits(int maxFrameBytes, long bytesPerSecond, long burstBytes, long maxTotalBytes,
                          Duration maxLifetime, int maxAllocations) {
    public RelayLimits {
        if (maxFrameBytes < 1 || bytesPerSecond < 1 || burstBytes < maxFrameBytes || maxTotalBytes < 1
                || maxLifetime.isNegative() || maxLifetime.isZero() || maxAllocations < 1) {
            throw new IllegalArgumentException("relay limits must be positive and the burst at least one frame");
        }
    }

    /** 1500-byte frames, 4 MB/s with a 1 MB burst, 1 GB and 1 hour per allocation, 1000 allocations. */
    public static RelayLimits defaults() {
        return new RelayLimits(1500, 4_000_000, 1_000_000, 1_000_000_000L, Duration.ofHours(1), 1000);
    }
}
