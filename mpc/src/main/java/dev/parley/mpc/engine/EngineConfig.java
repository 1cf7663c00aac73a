package dev.parley.mpc.engine;

import java.time.Duration;

/**
 * Per-run bounds of the engine.
 *
 * @param roundTimeout     how long to wait for a peer's message before declaring it unreachable
 * @param maxBatch         largest vector one operation may process (bounds message sizes)
 */
public record EngineConfig(Duration roundTimeout, int maxBatch) {

    public EngineConfig {
        if (roundTimeout.isNegative() || roundTimeout.isZero()) {
            throw new IllegalArgumentException("round timeout must be positive, got " + roundTimeout);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("max batch must be positive, got " + maxBatch);
        }
    }

    /** 10 s per round, batches up to 4 million values. */
    public static EngineConfig defaults() {
        return new EngineConfig(Duration.ofSeconds(10), 1 << 22);
    }

    public EngineConfig withRoundTimeout(Duration timeout) {
        return new EngineConfig(timeout, maxBatch);
    }
}
