package dev.parley.nat.relay.websocket;

import java.time.Duration;

/**
 * How a {@link RelayClient} keeps its attachment: WebSocket pings every {@code pingInterval} (so
 * idle proxies and the relay's idle timeout never close a connection the link still needs, and a
 * dead TCP connection is noticed after two unanswered pings), and re-attaching after a drop with
 * exponential backoff from {@code initialBackoff} doubling up to {@code maxBackoff}, each delay
 * randomised to between half and all of its value so that many clients do not return at once.
 * Re-attaching continues until the client is closed or the relay refuses the token for good
 * (bad token, expired or ended allocation).
 */
public record RelayReconnect(Duration initialBackoff, Duration maxBackoff, Duration pingInterval) {
    public RelayReconnect {
        if (initialBackoff.toMillis() < 10 || maxBackoff.compareTo(initialBackoff) < 0 || maxBackoff.toMinutes() > 5) {
            throw new IllegalArgumentException("relay backoff must start at 10 ms or more and be capped between"
                    + " the initial backoff and 5 minutes, got " + initialBackoff + " to " + maxBackoff);
        }
        if (pingInterval.toMillis() < 100) {
            throw new IllegalArgumentException("relay ping interval must be at least 100 ms, got " + pingInterval);
        }
    }

    /** 100 ms doubling to 5 s; pings every 15 s, well inside the relay's 2 minute idle timeout. */
    public static RelayReconnect defaults() {
        return new RelayReconnect(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(15));
    }

    /** The delay before re-attach attempt {@code attempt} (0-based), before randomisation. */
    public Duration backoff(int attempt) {
        long ms = initialBackoff.toMillis() << Math.min(attempt, 20);
        return Duration.ofMillis(Math.min(ms, maxBackoff.toMillis()));
    }
}
