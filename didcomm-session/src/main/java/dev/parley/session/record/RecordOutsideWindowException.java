package dev.parley.session.record;

/** The record's counter is older than the replay window: it can no longer be told apart from a replay. */
public final class RecordOutsideWindowException extends RecordException {
    public RecordOutsideWindowException(String message) {
        super(message);
    }
}
