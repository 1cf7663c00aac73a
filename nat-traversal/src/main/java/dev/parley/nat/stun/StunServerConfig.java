package dev.parley.nat.stun;

import java.net.InetAddress;
import java.time.Clock;

/**
 * How a {@link StunServer} binds and limits. Port 0 asks the OS for an ephemeral port (tests).
 * The secondary port answers CHANGE-REQUEST(change port) and is advertised as OTHER-ADDRESS.
 *
 * @param requestsPerSecond sustained binding requests answered per source IP
 * @param burst             requests a source may send at once before the rate applies
 * @param maxTrackedSources bound on the rate limiter's table
 */
public record StunServerConfig(InetAddress bindAddress, int primaryPort, int secondaryPort,
                               double requestsPerSecond, double burst, int maxTrackedSources, Clock clock) {
    public static final int DEFAULT_PORT = 3478;

    public StunServerConfig {
        if (primaryPort < 0 || primaryPort > 65535 || secondaryPort < 0 || secondaryPort > 65535) {
            throw new IllegalArgumentException("ports must be 0..65535");
        }
        if (primaryPort != 0 && primaryPort == secondaryPort) {
            throw new IllegalArgumentException("primary and secondary STUN ports must differ, both are " + primaryPort);
        }
        if (requestsPerSecond <= 0 || burst < 1 || maxTrackedSources < 1) {
            throw new IllegalArgumentException("rate limits must be positive");
        }
    }

    /** Defaults: 50 requests/s per source with a burst of 100, 10 000 tracked sources, system clock. */
    public static StunServerConfig of(InetAddress bindAddress, int primaryPort, int secondaryPort) {
        return new StunServerConfig(bindAddress, primaryPort, secondaryPort, 50, 100, 10_000, Clock.systemUTC());
    }

    public StunServerConfig withRateLimit(double perSecond, double burstSize) {
        return new StunServerConfig(bindAddress, primaryPort, secondaryPort, perSecond, burstSize, maxTrackedSources, clock);
    }
}
