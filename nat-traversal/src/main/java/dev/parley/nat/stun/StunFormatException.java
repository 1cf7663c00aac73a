package dev.parley.nat.stun;

/** A datagram is not a well-formed STUN message; the message says which rule it broke. */
public final class StunFormatException extends Exception {
    public StunFormatException(String message) {
        super(message);
    }
}
