package dev.parley.mediator.store;

/** A message with the same sender and id was already processed inside the replay window; nothing changed. */
public final class DuplicateMessageException extends StoreException {
    private static final long serialVersionUID = 1L;

    public DuplicateMessageException(String message) {
        super(message);
    }
}
