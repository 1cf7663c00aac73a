package dev.parley.mediator;

/** The mediator could not start; the message says what to fix (port in use, data directory, identity). */
public final class MediatorStartException extends Exception {
    private static final long serialVersionUID = 1L;

    public MediatorStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
