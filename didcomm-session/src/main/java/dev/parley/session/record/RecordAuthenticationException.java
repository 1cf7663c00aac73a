package dev.parley.session.record;

/** The record failed AEAD verification: tampered, truncated, forged, or under a key this side does not hold. */
public final class RecordAuthenticationException extends RecordException {
    public RecordAuthenticationException(String message) {
        super(message);
    }
}
