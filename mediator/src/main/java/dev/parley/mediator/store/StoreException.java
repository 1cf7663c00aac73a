package dev.parley.mediator.store;

/**
 * Storage failed (disk full, I/O error, corrupt database). Nothing was committed by the failing write, so
 * the mediator answers {@code e.p.me.res.storage} / HTTP 503 and the sender may retry.
 */
public class StoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
