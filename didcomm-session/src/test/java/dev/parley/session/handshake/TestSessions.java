package dev.parley.session.handshake;

/** Completed handshakes for record and channel tests (the constructors of SessionKeys stay package-private). */
public final class TestSessions {
    private TestSessions() {
    }

    /** Runs a real handshake (default suite) between two seeded identities and returns {initiator, responder} keys. */
    public static SessionKeys[] keys(long seed) {
        return keys(seed, Suite.AES_256_GCM);
    }

    public static SessionKeys[] keys(long seed, Suite suite) {
        Established[] e = established(seed, suite);
        return new SessionKeys[] {e[0].keys(), e[1].keys()};
    }

    /** Runs a real handshake (default suite) between two seeded identities and returns {initiator, responder}. */
    public static Established[] established(long seed) {
        return established(seed, Suite.AES_256_GCM);
    }

    public static Established[] established(long seed, Suite suite) {
        try {
            HandshakeFixture f = new HandshakeFixture(seed);
            HandshakeBinding b = f.binding("thread-" + seed, AppFingerprint.NONE);
            SessionHandshake init = f.initiator(b, suite);
            SessionHandshake resp = f.responder(b);
            SessionHandshake.Accepted acc = HandshakeFixture.answer(resp, init.writePropose());
            return new Established[] {init.readAccept(acc.acceptMessage()), acc.established()};
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
