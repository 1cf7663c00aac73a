package dev.parley.session.channel;

/**
 * RFC 6298 round-trip estimation in nanoseconds: SRTT and RTTVAR from samples, RTO = SRTT + max(G, 4 RTTVAR) plus
 * the peer's maximum acknowledgement delay (as RFC 9002's PTO), clamped to [{@code minRto}, {@code maxRto}], doubled
 * per back-off. Not thread-safe.
 */
final class RttEstimator {
    private static final long GRANULARITY = 1_000_000L;
    private final long minRto;
    private final long maxRto;
    private final long ackDelay;
    private long srtt = -1;
    private long rttvar;
    private long latest;

    RttEstimator(long minRtoNanos, long maxRtoNanos, long ackDelayNanos) {
        this.minRto = minRtoNanos;
        this.maxRto = maxRtoNanos;
        this.ackDelay = ackDelayNanos;
    }

    void sample(long rtt) {
        latest = rtt;
        if (srtt < 0) {
            srtt = rtt;
            rttvar = rtt / 2;
        } else {
            rttvar = (3 * rttvar + Math.abs(srtt - rtt)) / 4;
            srtt = (7 * srtt + rtt) / 8;
        }
    }

    /** The retransmission timeout, 1 s before the first sample (RFC 6298 2.1). */
    long rto(int backoff) {
        long base = srtt < 0 ? 1_000_000_000L : srtt + Math.max(GRANULARITY, 4 * rttvar) + ackDelay;
        base = Math.max(minRto, base);
        for (int i = 0; i < backoff && base < maxRto; i++) {
            base *= 2;
        }
        return Math.min(maxRto, base);
    }

    /** RFC 9002's probe timeout without the RTO's floor: SRTT + max(G, 4 RTTVAR) + the ACK delay. */
    long probeTimeout() {
        return srtt + Math.max(GRANULARITY, 4 * rttvar) + ackDelay;
    }

    boolean hasSample() {
        return srtt >= 0;
    }

    long smoothed() {
        return srtt < 0 ? 0 : srtt;
    }

    long latest() {
        return latest;
    }
}
