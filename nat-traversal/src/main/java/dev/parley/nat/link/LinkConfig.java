package dev.parley.nat.link;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How to form a link.
 *
 * @param stunServers       STUN servers for server-reflexive candidates (may be empty)
 * @param relay             this peer's relay allocation, if any: the link starts on it at once
 * @param hosts             which local addresses become host candidates
 * @param connectTimeout    how long to wait for a first usable path (relay or direct)
 * @param keepaliveInterval how often the active path is pinged (NAT keepalive and RTT samples)
 */
public record LinkConfig(List<InetSocketAddress> stunServers, Optional<RelayEndpoint> relay, HostPolicy hosts,
                         Duration connectTimeout, Duration keepaliveInterval, Clock clock, SecureRandom random) {
    public LinkConfig {
        stunServers = List.copyOf(stunServers);
        if (stunServers.size() > 4) {
            throw new IllegalArgumentException("at most 4 STUN servers");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || keepaliveInterval.isNegative()
                || keepaliveInterval.isZero()) {
            throw new IllegalArgumentException("timeouts and intervals must be positive");
        }
    }

    /** Production defaults: all interfaces, 10 s to connect, keepalive every 5 s (NAT UDP timeouts are 30 s+). */
    public static LinkConfig of(List<InetSocketAddress> stunServers, Optional<RelayEndpoint> relay) {
        return new LinkConfig(stunServers, relay, HostPolicy.ALL_INTERFACES, Duration.ofSeconds(10),
                Duration.ofSeconds(5), Clock.systemUTC(), new SecureRandom());
    }

    public LinkConfig withHosts(HostPolicy policy) {
        return new LinkConfig(stunServers, relay, policy, connectTimeout, keepaliveInterval, clock, random);
    }

    public LinkConfig withConnectTimeout(Duration timeout) {
        return new LinkConfig(stunServers, relay, hosts, timeout, keepaliveInterval, clock, random);
    }
}
