package dev.parley.mediator;

/**
 * UDP ports of the embedded STUN server: the primary answers binding requests, the secondary serves
 * RFC 5780 CHANGE-PORT requests. 0 picks a free port.
 */
public record StunPorts(int primary, int secondary) {
    public StunPorts {
        if (primary < 0 || primary > 65535 || secondary < 0 || secondary > 65535) {
            throw new IllegalArgumentException("STUN ports must be 0..65535, got " + primary + ", " + secondary);
        }
        if (primary != 0 && primary == secondary) {
            throw new IllegalArgumentException("the STUN primary and secondary ports must differ");
        }
    }
}
