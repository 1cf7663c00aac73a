package dev.parley.mediator;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Where the embedded STUN server listens: its own address (behind a TLS proxy the HTTP side is on
 * loopback, but STUN must face the internet) and two UDP ports, the primary for binding requests and the
 * secondary for RFC 5780 CHANGE-PORT. 0 picks a free port.
 */
public record StunPorts(InetAddress bind, int primary, int secondary) {
    public StunPorts {
        Objects.requireNonNull(bind, "bind");
        if (primary < 0 || primary > 65535 || secondary < 0 || secondary > 65535) {
            throw new IllegalArgumentException("STUN ports must be 0..65535, got " + primary + ", " + secondary);
        }
        if (primary != 0 && primary == secondary) {
            throw new IllegalArgumentException("the STUN primary and secondary ports must differ");
        }
    }
}
