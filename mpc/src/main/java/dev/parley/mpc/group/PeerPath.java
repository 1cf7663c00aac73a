package dev.parley.mpc.group;

import java.time.Duration;
import java.util.Optional;

/**
 * How this party reaches one peer of the mesh, at one moment (a link may move from the relay to a direct path).
 * Immutable.
 *
 * @param kind      {@code direct} or {@code relay}
 * @param rtt       the path's smoothed round-trip time, when measured
 * @param handshake from the start of this pair's session set-up to an established session
 */
public record PeerPath(Kind kind, Optional<Duration> rtt, Duration handshake) {

    public enum Kind {
        DIRECT, RELAY;

        /** {@code direct} or {@code relay}, as shown to users and in JSON. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
