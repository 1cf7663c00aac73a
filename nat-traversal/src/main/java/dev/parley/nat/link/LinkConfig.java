package dev.parley.nat.link;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How to form a link. Immutable; the {@code with...} methods return a changed copy.
 *
 * @param stunServers       STUN servers for server-reflexive candidates (may be empty)
 * @param relay             this peer's relay allocation, if any: the link starts on it at once and
 *                          falls back to it when the direct path dies
 * @param hosts             which local addresses become host candidates
 * @param connectTimeout    how long to wait for a first usable path (relay or direct)
 * @param keepaliveInterval how often the active path is pinged (NAT keepalive and RTT samples)
 * @param consentTimeout    how long the direct path may go without an answered ping before it is
 *                          declared dead (RFC 7675 consent freshness) and the link moves to the relay;
 *                          the direct path is probed {@link #consentProbeInterval() five times} within it
 * @param gatherTimeout     how long candidate gathering waits for STUN answers; host candidates are
 *                          never delayed, and a STUN server that has not answered by then is skipped
 */
public record LinkConfig(List<InetSocketAddress> stunServers, Optional<RelayEndpoint> relay, HostPolicy hosts,
                         Duration connectTimeout, Duration keepaliveInterval, Clock clock, SecureRandom random,
                         Duration consentTimeout, Duration gatherTimeout) {
    /** Default {@link #consentTimeout}: five probes 2 s apart, so one or two lost pings never end a path. */
    public static final Duration DEFAULT_CONSENT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Default {@link #gatherTimeout}: STUN requests go out at 0, 100, 300 and 700 ms (RFC 8489 RTO
     * 100 ms, doubled), so four tries fit, enough for an internet round trip with two losses.
     */
    public static final Duration DEFAULT_GATHER_TIMEOUT = Duration.ofSeconds(1);

    public LinkConfig {
        stunServers = List.copyOf(stunServers);
        if (stunServers.size() > 4) {
            throw new IllegalArgumentException("at most 4 STUN servers");
        }
        for (Duration d : List.of(connectTimeout, keepaliveInterval, consentTimeout, gatherTimeout)) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts and intervals must be positive, got " + d);
            }
        }
        if (consentTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("consent timeout must be at least 250 ms (five probes in it), got "
                    + consentTimeout.toMillis() + " ms");
        }
    }

    /** The form before consent and gathering timeouts existed: both take their defaults. */
    public LinkConfig(List<InetSocketAddress> stunServers, Optional<RelayEndpoint> relay, HostPolicy hosts,
                      Duration connectTimeout, Duration keepaliveInterval, Clock clock, SecureRandom random) {
        this(stunServers, relay, hosts, connectTimeout, keepaliveInterval, clock, random, DEFAULT_CONSENT_TIMEOUT,
                DEFAULT_GATHER_TIMEOUT);
    }

    /** Production defaults: all interfaces, 10 s to connect, keepalive every 5 s (NAT UDP timeouts are 30 s+). */
    public static LinkConfig of(List<InetSocketAddress> stunServers, Optional<RelayEndpoint> relay) {
        return new LinkConfig(stunServers, relay, HostPolicy.ALL_INTERFACES, Duration.ofSeconds(10),
                Duration.ofSeconds(5), Clock.systemUTC(), new SecureRandom());
    }

    /** How often the direct path is pinged: the keepalive interval, or a fifth of the consent timeout if shorter. */
    public Duration consentProbeInterval() {
        Duration fifth = consentTimeout.dividedBy(5);
        return fifth.compareTo(keepaliveInterval) < 0 ? fifth : keepaliveInterval;
    }

    public LinkConfig withHosts(HostPolicy policy) {
        return new LinkConfig(stunServers, relay, policy, connectTimeout, keepaliveInterval, clock, random,
                consentTimeout, gatherTimeout);
    }

    public LinkConfig withConnectTimeout(Duration timeout) {
        return new LinkConfig(stunServers, relay, hosts, timeout, keepaliveInterval, clock, random, consentTimeout,
                gatherTimeout);
    }

    public LinkConfig withKeepaliveInterval(Duration interval) {
        return new LinkConfig(stunServers, relay, hosts, connectTimeout, interval, clock, random, consentTimeout,
                gatherTimeout);
    }

    public LinkConfig withConsentTimeout(Duration timeout) {
        return new LinkConfig(stunServers, relay, hosts, connectTimeout, keepaliveInterval, clock, random, timeout,
                gatherTimeout);
    }

    public LinkConfig withGatherTimeout(Duration timeout) {
        return new LinkConfig(stunServers, relay, hosts, connectTimeout, keepaliveInterval, clock, random,
                consentTimeout, timeout);
    }
}
