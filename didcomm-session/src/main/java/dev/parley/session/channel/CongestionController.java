package dev.parley.session.channel;

/**
 * NewReno-style AIMD in bytes: slow start to {@code ssthresh}, then about one datagram per round trip; on loss the
 * window halves once per recovery period (losses of packets sent before the period started do not cut again); after
 * a retransmission timeout it drops to two datagrams. The datagram size follows the path ({@link #datagramSize}); as
 * in QUIC (RFC 9002 section 7.2) the window never falls below two datagrams of the current size. Not thread-safe.
 */
final class CongestionController {
    static final int MSS = 1200;

    private int mss = MSS;
    private long window;
    private long ssthresh = Long.MAX_VALUE;
    private long recoveryStart = Long.MIN_VALUE;
    private long inFlight;

    CongestionController(int initialPackets) {
        window = (long) initialPackets * MSS;
    }

    /** Bytes the window allows in flight beyond what is in flight now (0 when full). */
    long room() {
        return Math.max(0, window - inFlight);
    }

    /** The path's datagram size now (told before every packet): the minimum window is two such datagrams. */
    void datagramSize(int bytes) {
        mss = bytes;
        window = Math.max(window, minWindow());
    }

    private long minWindow() {
        return 2L * mss;
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
            window += Math.max(1, (long) mss * bytes / window);
        }
    }

    void onLost(int bytes, long sentTime, long now) {
        inFlight -= bytes;
        if (sentTime > recoveryStart) {
            recoveryStart = now;
            window = Math.max(minWindow(), window / 2);
            ssthresh = window;
        }
    }

    void onTimeout(long now) {
        ssthresh = Math.max(minWindow(), window / 2);
        window = minWindow();
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
