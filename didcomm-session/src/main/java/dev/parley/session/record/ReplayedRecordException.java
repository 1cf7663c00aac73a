package dev.parley.session.record;

/** A record with this counter was already accepted. */
public final class ReplayedRecordException extends RecordException {
    public ReplayedRecordException(String message) {
        super(message);
    }
}
