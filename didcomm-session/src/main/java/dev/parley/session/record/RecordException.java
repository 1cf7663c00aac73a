package dev.parley.session.record;

/** A record was refused. Receivers drop the datagram and carry on; none of these end a session by themselves. */
public abstract sealed class RecordException extends Exception
        permits RecordAuthenticationException, ReplayedRecordException, RecordOutsideWindowException,
        RecordTooLargeException, MalformedRecordException, SessionExhaustedException {
    protected RecordException(String message) {
        super(message);
    }
}
