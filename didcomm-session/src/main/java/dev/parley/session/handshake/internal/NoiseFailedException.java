package dev.parley.session.handshake.internal;

/** A handshake message did not verify or parse; the handshake that read it is dead. */
public final class NoiseFailedException extends Exception {
    public NoiseFailedException(String message) {
        super(message);
    }
}
