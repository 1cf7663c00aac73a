package dev.parley.session.channel;

/**
 * NewReno-style AIMD in bytes: slow start to {@code ssthresh}, then about one datagram per round trip; on loss the
 * window halves once per recovery period (losses of packets sent before the period started do not cut again); after
 * a retransmission timeout it drops to two datagrams. Not thread-safe.
 */
final class CongestionController {
    static final int MSS = 1200;
    private static final long MIN_WINDOW = 2L * MSS;

    private long window;
    private long ssthresh = Long.MAX_VALUE;
    private long recoveryStart = Long.MIN_VALUE;
    private long inFlight;

    CongestionController(int initialPackets) {
        window = (long) initialPackets * MSS;
    }

    boolean canSend(int bytes) {
        return inFlight + bytes <= window;
    }

    void onSent(int bytes) {
        inFlight += bytes;
    }

    void onAcked(int bytes, long sentTime) {
        inFlight -= bytes;
        if (sentTime <= recoveryStart) {
            return;
        }
        if (window < ssthresh) {
            window += bytes;
        } else {
            window += Math.max(1, (long) MSS * bytes / window);
        }
    }

    void onLost(int bytes, long sentTime, long now) {
        inFlight -= bytes;
        if (sentTime > recoveryStart) {
            recoveryStart = now;
            window = Math.max(MIN_WINDOW, window / 2);
            ssthresh = window;
        }
    }

    void onTimeout(long now) {
        ssthresh = Math.max(MIN_WINDOW, window / 2);
        window = MIN_WINDOW;
        recoveryStart = now;
    }

    void onDiscarded(int bytes) {
        inFlight -= bytes;
    }

    long window() {
        return window;
    }

    long inFlight() {
        return inFlight;
    }
}
