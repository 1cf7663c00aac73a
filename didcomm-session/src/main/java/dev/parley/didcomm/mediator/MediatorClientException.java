package dev.parley.didcomm.mediator;

/** A call to the mediator failed. Subclasses say whether retrying later can help. */
public class MediatorClientException extends Exception {
    private static final long serialVersionUID = 1L;

    public MediatorClientException(String message) {
        super(message);
    }

    public MediatorClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
