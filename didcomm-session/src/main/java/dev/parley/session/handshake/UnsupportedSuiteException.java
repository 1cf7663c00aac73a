package dev.parley.session.handshake;

/** The peer asked for a suite this build does not offer. */
public final class UnsupportedSuiteException extends HandshakeException {
    public UnsupportedSuiteException(int suite) {
        super("handshake suite " + suite + " is not supported; supported suites are "
                + java.util.Arrays.stream(Suite.values()).map(s -> s.id() + " (" + s.wireName() + ")").toList());
    }

    @Override
    public String problemCode() {
        return "session.unsupported-suite";
    }
}
