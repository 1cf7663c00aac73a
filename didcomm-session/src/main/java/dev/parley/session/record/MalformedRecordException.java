package dev.parley.session.record;

/** The record header is not one this side can read (version, length, session id, epoch). */
public final class MalformedRecordException extends RecordException {
    public MalformedRecordException(String message) {
        super(message);
    }
}
