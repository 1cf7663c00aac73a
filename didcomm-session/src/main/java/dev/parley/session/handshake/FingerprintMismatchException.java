package dev.parley.session.handshake;

/** The two sides bound different application fingerprints (for MPC: different programs). */
public final class FingerprintMismatchException extends HandshakeException {
    private final AppFingerprint local;
    private final AppFingerprint remote;

    public FingerprintMismatchException(AppFingerprint local, AppFingerprint remote) {
        super("application fingerprints differ: this side runs " + local.hex() + ", the peer runs " + remote.hex()
                + "; both sides must load the same program");
        this.local = local;
        this.remote = remote;
    }

    public AppFingerprint local() {
        return local;
    }

    public AppFingerprint remote() {
        return remote;
    }

    @Override
    public String problemCode() {
        return "session.fingerprint-mismatch";
    }
}
