package dev.parley.session.handshake;

/** The bound on pending handshakes is reached: wait for some to finish or time out. */
public final class TooManyPendingHandshakesException extends HandshakeException {
    public TooManyPendingHandshakesException(int limit) {
        super("already " + limit + " handshakes pending, the configured maximum; retry once some finish or time out");
    }

    @Override
    public String problemCode() {
        return "session.busy";
    }
}
