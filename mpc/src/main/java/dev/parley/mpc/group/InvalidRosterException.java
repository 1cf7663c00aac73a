package dev.parley.mpc.group;

/** The roster the host sent is unsigned, signed by another key, altered, or does not match the invitation. */
public final class InvalidRosterException extends GroupException {
    public InvalidRosterException(String message) {
        super(message);
    }

    public InvalidRosterException(String message, Throwable cause) {
        super(message, cause);
    }
}
