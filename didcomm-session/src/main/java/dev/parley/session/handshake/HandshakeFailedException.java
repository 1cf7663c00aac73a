package dev.parley.session.handshake;

/** A handshake message was malformed, truncated, tampered with, or made for another key, peer, thread or program. */
public final class HandshakeFailedException extends HandshakeException {
    public HandshakeFailedException(String message) {
        super(message);
    }

    @Override
    public String problemCode() {
        return "session.handshake-failed";
    }
}
