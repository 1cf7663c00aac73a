package dev.parley.mediator.identity;

/** The mediator's identity file cannot be read, written or used; the message names the file and the fix. */
public final class IdentityException extends Exception {
    private static final long serialVersionUID = 1L;

    public IdentityException(String message) {
        super(message);
    }

    public IdentityException(String message, Throwable cause) {
        super(message, cause);
    }
}
