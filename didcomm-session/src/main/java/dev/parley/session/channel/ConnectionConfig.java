package dev.parley.session.channel;

import java.time.Duration;

/**
 * Limits and timers of a {@link Connection}. Both sides should use the same {@code maxChannels}; everything else is
 * local. Immutable; validated on construction.
 *
 * @param maxChannels       channel ids are 0..maxChannels-1; data for others closes the session (unknown-channel)
 * @param sendBuffer        bytes the application may queue per channel before {@code write} takes no more
 * @param initialWindow     initial congestion window in datagrams
 * @param minRto            lower bound of the retransmission timeout (RFC 6298 says 1 s, Linux TCP 200 ms; the
 *                          estimate itself adapts to the path, and 30 ms quadrupled throughput at 5% loss on
 *                          loopback against 200 ms, see docs/benchmarks/session.md)
 * @param maxRto            upper bound after back-off
 * @param ackDelay          longest an acknowledgement waits for a second packet to cover
 * @param keepaliveInterval a keepalive goes out after this long without sending anything
 * @param idleTimeout       the peer is declared gone after this long without a valid record
 */
public record ConnectionConfig(int maxChannels, int sendBuffer, int initialWindow, Duration minRto, Duration maxRto,
                               Duration ackDelay, Duration keepaliveInterval, Duration idleTimeout) {
    public ConnectionConfig {
        if (maxChannels < 1 || maxChannels > 65536) {
            throw new IllegalArgumentException("maxChannels must be 1..65536, got " + maxChannels);
        }
        if (sendBuffer < 4096 || initialWindow < 2) {
            throw new IllegalArgumentException("sendBuffer must be >= 4096 and initialWindow >= 2");
        }
        if (minRto.compareTo(maxRto) > 0 || keepaliveInterval.compareTo(idleTimeout) >= 0) {
            throw new IllegalArgumentException("need minRto <= maxRto and keepaliveInterval < idleTimeout");
        }
    }

    /** 16 channels, 1 MiB send buffers, 10-datagram initial window, RTO in [30 ms, 10 s], keepalive 10 s, idle 45 s. */
    public static ConnectionConfig defaults() {
        return new ConnectionConfig(16, 1 << 20, 10, Duration.ofMillis(30), Duration.ofSeconds(10),
                Duration.ofMillis(5), Duration.ofSeconds(10), Duration.ofSeconds(45));
    }

    public ConnectionConfig withIdleTimeout(Duration keepalive, Duration idle) {
        return new ConnectionConfig(maxChannels, sendBuffer, initialWindow, minRto, maxRto, ackDelay, keepalive, idle);
    }
}
