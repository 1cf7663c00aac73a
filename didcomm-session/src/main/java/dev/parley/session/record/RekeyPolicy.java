package dev.parley.session.record;

import java.time.Duration;

/** When the sender moves to the next key epoch: after {@code records} records or {@code interval}, whichever first. */
public record RekeyPolicy(long records, Duration interval) {
    public RekeyPolicy {
        if (records < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("rekey after a positive number of records and a positive interval");
        }
    }

    /** 2^20 records or two minutes. */
    public static RekeyPolicy defaults() {
        return new RekeyPolicy(1L << 20, Duration.ofMinutes(2));
    }
}
