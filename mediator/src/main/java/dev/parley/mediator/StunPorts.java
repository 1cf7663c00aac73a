package dev.parley.mediator;

import dev.parley.mediator.relay.StunAdvertisement;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the embedded STUN server listens: its own address (behind a TLS proxy the HTTP side is on
 * loopback, but STUN must face the internet) and two UDP ports, the primary for binding requests and the
 * secondary for RFC 5780 CHANGE-PORT. 0 picks a free port. {@code advertised} ({@code HOST} or {@code HOST:PORT})
 * is what clients are told to use when the bound address is not reachable as such (NAT, containers); see
 * {@link StunAdvertisement}.
 */
public record StunPorts(InetAddress bind, int primary, int secondary, Optional<String> advertised) {
    public StunPorts {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(advertised, "advertised");
        advertised.ifPresent(StunAdvertisement.HostPort::parse);
        if (primary < 0 || primary > 65535 || secondary < 0 || secondary > 65535) {
            throw new IllegalArgumentException("STUN ports must be 0..65535, got " + primary + ", " + secondary);
        }
        if (primary != 0 && primary == secondary) {
            throw new IllegalArgumentException("the STUN primary and secondary ports must differ");
        }
    }

    /** Ports on {@code bind}, advertised as chosen by {@link StunAdvertisement} without an operator's address. */
    public StunPorts(InetAddress bind, int primary, int secondary) {
        this(bind, primary, secondary, Optional.empty());
    }
}
