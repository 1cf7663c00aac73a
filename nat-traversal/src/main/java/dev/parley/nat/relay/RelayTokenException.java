package dev.parley.nat.relay;

/** A relay token is malformed, forged or expired; the message says which. */
public final class RelayTokenException extends Exception {
    public RelayTokenException(String message) {
        super(message);
    }
}
