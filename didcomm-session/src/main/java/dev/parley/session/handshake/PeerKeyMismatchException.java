package dev.parley.session.handshake;

/** The initiator proved a static key that is not a keyAgreement key of the DID it claims. */
public final class PeerKeyMismatchException extends HandshakeException {
    public PeerKeyMismatchException(String message) {
        super(message);
    }

    @Override
    public String problemCode() {
        return "session.peer-key-mismatch";
    }
}
