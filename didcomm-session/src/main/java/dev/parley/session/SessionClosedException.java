package dev.parley.session;

import java.io.IOException;

/** The session (or the channel's stream) ended: closed by either side, timed out, or failed. */
public final class SessionClosedException extends IOException {
    public SessionClosedException(String message) {
        super(message);
    }
}
