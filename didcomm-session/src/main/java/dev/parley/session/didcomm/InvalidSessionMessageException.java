package dev.parley.session.didcomm;

/** A session protocol message whose body is malformed or oversized. */
public final class InvalidSessionMessageException extends Exception {
    public InvalidSessionMessageException(String message) {
        super(message);
    }
}
