package dev.parley.session.handshake;

/** Both sides proposed at once; the lower DID's propose wins and the higher one's is refused with this. */
public final class GlareException extends HandshakeException {
    public GlareException(String winningThread) {
        super("both sides proposed a session at once; the lower DID's propose (thread " + winningThread + ") goes ahead");
    }

    @Override
    public String problemCode() {
        return "session.glare";
    }
}
