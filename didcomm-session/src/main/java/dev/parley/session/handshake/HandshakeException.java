package dev.parley.session.handshake;

/**
 * A handshake failed. Each subtype names one cause; {@link #problemCode()} is the descriptor the DIDComm
 * carriage reports ({@code e.p.<descriptor>}, see docs/protocol/session.md section 7).
 */
public abstract sealed class HandshakeException extends Exception
        permits HandshakeFailedException, UnsupportedVersionException, UnsupportedSuiteException,
        FingerprintMismatchException, PeerKeyMismatchException, InvitationException,
        TooManyPendingHandshakesException, GlareException {
    protected HandshakeException(String message) {
        super(message);
    }

    /** Dotted problem-code descriptors, e.g. {@code session.handshake-failed}. */
    public abstract String problemCode();
}
