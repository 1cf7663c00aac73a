package dev.parley.nat.check;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of a NAT check. When {@code udp} is false there is no mapped address and the
 * mapping is {@link MappingBehavior#UNKNOWN}.
 */
public record NatCheckResult(boolean udp, Optional<InetSocketAddress> mappedAddress, MappingBehavior mapping,
                             Optional<Duration> rtt) {

    public static NatCheckResult udpBlocked() {
        return new NatCheckResult(false, Optional.empty(), MappingBehavior.UNKNOWN, Optional.empty());
    }

    /**
     * One-line JSON: {@code {"udp":true,"mapped_address":"IP:PORT","mapping":"endpoint-independent","rtt_ms":N}};
     * absent values are {@code null}. IPv6 addresses are bracketed.
     */
    public String toJson() {
        String mapped = mappedAddress.map(a -> "\"" + hostPort(a) + "\"").orElse("null");
        String rttMs = rtt.map(r -> Long.toString(r.toMillis())).orElse("null");
        return "{\"udp\":" + udp + ",\"mapped_address\":" + mapped + ",\"mapping\":\"" + mapping.label()
                + "\",\"rtt_ms\":" + rttMs + "}";
    }

    static String hostPort(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
