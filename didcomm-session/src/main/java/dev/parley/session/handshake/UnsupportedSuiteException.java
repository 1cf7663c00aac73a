package dev.parley.session.handshake;

/** The peer asked for a cipher suite this build does not offer (there is no negotiation, hence no downgrade). */
public final class UnsupportedSuiteException extends HandshakeException {
    public UnsupportedSuiteException(int suite) {
        super("handshake suite " + suite + " is not supported; the only suite is " + HandshakeWire.SUITE_ID + " ("
                + HandshakeWire.SUITE_NAME + ")");
    }

    @Override
    public String problemCode() {
        return "session.unsupported-suite";
    }
}
