package dev.parley.session.handshake;

import dev.parley.did.crypto.KeyType;
import dev.parley.did.crypto.PrivateKey;
import dev.parley.did.key.DidKeyMethod;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;

/** Two parties with real X25519 did:key identities from a seeded generator; the lower DID is {@link #initiator}. */
final class HandshakeFixture {
    final SecureRandom random;
    final PrivateKey initiatorKey;
    final PrivateKey responderKey;
    final String initiatorDid;
    final String responderDid;

    HandshakeFixture(long seed) throws Exception {
        random = seeded(seed);
        PrivateKey a = PrivateKey.generate(KeyType.X25519, random);
        PrivateKey b = PrivateKey.generate(KeyType.X25519, random);
        String da = DidKeyMethod.create(a.publicKey()).toString();
        String db = DidKeyMethod.create(b.publicKey()).toString();
        boolean aFirst = Roles.isInitiator(da, db);
        initiatorKey = aFirst ? a : b;
        responderKey = aFirst ? b : a;
        initiatorDid = aFirst ? da : db;
        responderDid = aFirst ? db : da;
    }

    HandshakeBinding binding(String thread, AppFingerprint fp) {
        return new HandshakeBinding(initiatorDid, responderDid, thread, fp);
    }

    SessionHandshake initiator(HandshakeBinding binding) {
        return initiator(binding, Suite.AES_256_GCM);
    }

    SessionHandshake initiator(HandshakeBinding binding, Suite suite) {
        return SessionHandshake.initiator(binding, suite, initiatorKey, responderKey.publicKey(), "cand-i".getBytes(),
                random);
    }

    SessionHandshake responder(HandshakeBinding binding) {
        return SessionHandshake.responder(binding, responderKey, List.of(initiatorKey.publicKey()), random);
    }

    /** The responder's two steps: read the propose, answer with candidate blob "cand-r". */
    static SessionHandshake.Accepted answer(SessionHandshake responder, byte[] propose) throws HandshakeException {
        responder.readPropose(propose);
        return responder.writeAccept("cand-r".getBytes());
    }

    static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
