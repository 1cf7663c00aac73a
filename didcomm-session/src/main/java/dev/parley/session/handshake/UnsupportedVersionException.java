package dev.parley.session.handshake;

/** The peer speaks a session protocol version this build does not. */
public final class UnsupportedVersionException extends HandshakeException {
    public UnsupportedVersionException(int version) {
        super("session protocol version " + version + " is not supported; this build speaks version "
                + HandshakeWire.VERSION + " only: upgrade the older side");
    }

    @Override
    public String problemCode() {
        return "session.unsupported-version";
    }
}
