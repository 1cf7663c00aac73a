package dev.parley.mediator.store;

/** A client's queue is at its message-count or byte quota; the message was not stored. */
public final class QueueFullException extends StoreException {
    private static final long serialVersionUID = 1L;

    public QueueFullException(String message) {
        super(message);
    }
}
