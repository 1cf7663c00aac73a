package dev.parley.mediator;

/** The mediator did not shut down cleanly; acknowledged messages were committed before and are safe. */
public final class MediatorStopException extends Exception {
    private static final long serialVersionUID = 1L;

    public MediatorStopException(String message, Throwable cause) {
        super(message, cause);
    }
}
