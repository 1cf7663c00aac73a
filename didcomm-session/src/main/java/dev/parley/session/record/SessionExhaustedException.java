package dev.parley.session.record;

/** The send counter reached its limit: the session must be replaced by a new handshake. */
public final class SessionExhaustedException extends RecordException {
    public SessionExhaustedException(String message) {
        super(message);
    }
}
