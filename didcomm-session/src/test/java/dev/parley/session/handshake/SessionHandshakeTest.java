package dev.parley.session.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.did.crypto.KeyType;
import dev.parley.did.crypto.PrivateKey;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionHandshakeTest {
    private final HandshakeFixture f = new HandshakeFixture(7);
    private final AppFingerprint program = AppFingerprint.sha256("sum-of-salaries v1");
    private final HandshakeBinding binding = f.binding("thread-1", program);

    SessionHandshakeTest() throws Exception {
    }

    @Test
    void roundTripGivesMatchingKeysAndCandidates() throws Exception {
        SessionHandshake init = f.initiator(binding);
        SessionHandshake resp = f.responder(binding);
        SessionHandshake.Accepted accepted = HandshakeFixture.answer(resp, init.writePropose());
        Established i = init.readAccept(accepted.acceptMessage());
        Established r = accepted.established();
        assertArrayEquals(i.keys().sendKey(), r.keys().receiveKey());
        assertArrayEquals(i.keys().receiveKey(), r.keys().sendKey());
        assertFalse(Arrays.equals(i.keys().sendKey(), i.keys().receiveKey()));
        assertArrayEquals(i.keys().handshakeHash(), r.keys().handshakeHash());
        assertEquals(i.keys().localSessionId(), r.keys().remoteSessionId());
        assertEquals(i.keys().remoteSessionId(), r.keys().localSessionId());
        assertArrayEquals("cand-r".getBytes(), i.peerCandidates());
        assertArrayEquals("cand-i".getBytes(), r.peerCandidates());
        assertEquals(f.initiatorKey.publicKey(), r.peerStatic());
        assertTrue(i.peerConfirmed());
        assertFalse(r.peerConfirmed(), "the responder waits for a first record (KCI)");
        assertEquals(SessionHandshake.State.ESTABLISHED, init.state());
        assertEquals(SessionHandshake.State.ESTABLISHED, resp.state());
        assertFalse(i.keys().toString().contains(java.util.HexFormat.of().formatHex(i.keys().sendKey())));
    }

    @Test
    void everyFlippedByteOfTheProposeIsRejected() throws Exception {
        byte[] propose = f.initiator(binding).writePropose();
        for (int at = 0; at < propose.length; at++) {
            byte[] bad = propose.clone();
            bad[at] ^= 0x01;
            SessionHandshake resp = f.responder(binding);
            assertThrows(HandshakeException.class, () -> resp.readPropose(bad), "flip at " + at);
            assertEquals(SessionHandshake.State.FAILED, resp.state());
        }
    }

    @Test
    void everyFlippedByteOfTheAcceptIsRejected() throws Exception {
        SessionHandshake template = f.initiator(binding);
        byte[] propose = template.writePropose();
        byte[] accept = HandshakeFixture.answer(f.responder(binding), propose).acceptMessage();
        int rejected = 0;
        for (int at = 0; at < accept.length; at++) {
            // Each attempt needs a fresh initiator in AWAITING_ACCEPT for the same propose: replay the same keys
            // by re-running with the same seed.
            HandshakeFixture g = new HandshakeFixture(7);
            SessionHandshake init = g.initiator(binding);
            SessionHandshake resp = g.responder(binding);
            byte[] acc = HandshakeFixture.answer(resp, init.writePropose()).acceptMessage();
            acc[at] ^= (byte) 0x80;
            assertThrows(HandshakeException.class, () -> init.readAccept(acc), "flip at " + at);
            assertEquals(SessionHandshake.State.FAILED, init.state());
            rejected++;
        }
        assertEquals(accept.length, rejected);
    }

    @Test
    void truncatedMessagesAreRejected() throws Exception {
        byte[] propose = f.initiator(binding).writePropose();
        for (int len = 0; len < propose.length; len++) {
            byte[] cut = Arrays.copyOf(propose, len);
            assertThrows(HandshakeException.class, () -> f.responder(binding).readPropose(cut), "length " + len);
        }
    }

    @Test
    void mediatorSwappingInItsOwnKeysFails() throws Exception {
        PrivateKey mallory = PrivateKey.generate(KeyType.X25519, f.random);
        // Mallory poses as the responder to the initiator: the initiator encrypts to the real responder key.
        SessionHandshake init = f.initiator(binding);
        byte[] propose = init.writePropose();
        SessionHandshake fakeResponder = SessionHandshake.responder(binding, mallory,
                List.of(f.initiatorKey.publicKey()), f.random);
        assertInstanceOf(HandshakeFailedException.class,
                assertThrows(HandshakeException.class, () -> fakeResponder.readPropose(propose)));
        // Mallory poses as the initiator with her own static key: the responder refuses the key.
        SessionHandshake fakeInitiator = SessionHandshake.initiator(binding, mallory, f.responderKey.publicKey(),
                new byte[0], f.random);
        assertInstanceOf(PeerKeyMismatchException.class,
                assertThrows(HandshakeException.class, () -> f.responder(binding).readPropose(fakeInitiator.writePropose())));
        // Mallory answers the real propose with her own accept (her own responder key): the initiator rejects it.
        SessionHandshake init2 = f.initiator(binding);
        init2.writePropose();
        SessionHandshake malloryAsResponder = SessionHandshake.responder(binding, mallory,
                List.of(f.initiatorKey.publicKey()), f.random);
        SessionHandshake victimInit = SessionHandshake.initiator(binding, f.initiatorKey, mallory.publicKey(), new byte[0], f.random);
        byte[] forged = HandshakeFixture.answer(malloryAsResponder, victimInit.writePropose()).acceptMessage();
        assertThrows(HandshakeFailedException.class, () -> init2.readAccept(forged));
    }

    @Test
    void versionAndSuiteDowngradesAreRejectedByName() throws Exception {
        byte[] propose = f.initiator(binding).writePropose();
        byte[] v0 = propose.clone();
        v0[0] = 0;
        UnsupportedVersionException v = assertThrows(UnsupportedVersionException.class, () -> f.responder(binding).readPropose(v0));
        assertTrue(v.getMessage().contains("version 0"), v.getMessage());
        assertEquals(Suite.AES_256_GCM.id(), propose[1], "the default suite");
        byte[] otherSuite = propose.clone();
        otherSuite[1] = (byte) Suite.CHACHA20_POLY1305.id();
        assertThrows(HandshakeFailedException.class, () -> f.responder(binding).readPropose(otherSuite),
                "a suite edited in transit fails: the prologue names the initiator's choice");
        byte[] unknown = propose.clone();
        unknown[1] = 9;
        UnsupportedSuiteException u = assertThrows(UnsupportedSuiteException.class,
                () -> f.responder(binding).readPropose(unknown));
        assertTrue(u.getMessage().contains("AES-256-GCM") && u.getMessage().contains("ChaCha20-Poly1305"), u.getMessage());
        assertEquals("session.unsupported-suite", u.problemCode());
    }

    @Test
    void responderFollowsTheInitiatorsSuite() throws Exception {
        SessionHandshake init = SessionHandshake.initiator(binding, Suite.CHACHA20_POLY1305, f.initiatorKey,
                f.responderKey.publicKey(), new byte[0], f.random);
        SessionHandshake resp = f.responder(binding);
        Established r = HandshakeFixture.answer(resp, init.writePropose()).established();
        assertEquals(Suite.CHACHA20_POLY1305, r.keys().suite());
        assertEquals(Suite.CHACHA20_POLY1305, resp.suite());
    }

    @Test
    void programFingerprintMismatchNamesBothFingerprints() throws Exception {
        AppFingerprint other = AppFingerprint.sha256("sum-of-salaries v2");
        byte[] propose = f.initiator(f.binding("thread-1", other)).writePropose();
        FingerprintMismatchException e = assertThrows(FingerprintMismatchException.class,
                () -> f.responder(binding).readPropose(propose));
        assertTrue(e.getMessage().contains(program.hex()) && e.getMessage().contains(other.hex()), e.getMessage());
        // Lying in the clear copy does not help: the prologue still differs.
        byte[] lying = propose.clone();
        System.arraycopy(program.bytes(), 0, lying, 3, AppFingerprint.LENGTH);
        assertThrows(HandshakeFailedException.class, () -> f.responder(binding).readPropose(lying));
    }

    @Test
    void proposeForAnotherThreadOrPeerFails() throws Exception {
        byte[] propose = f.initiator(f.binding("thread-2", program)).writePropose();
        assertThrows(HandshakeFailedException.class, () -> f.responder(binding).readPropose(propose));
    }

    @Test
    void oversizedMessageIsRefusedUnread() {
        byte[] huge = new byte[HandshakeWire.MAX_LENGTH + 1];
        huge[0] = 1;
        HandshakeFailedException e = assertThrows(HandshakeFailedException.class, () -> f.responder(binding).readPropose(huge));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
    }

    @Test
    void callsOutOfOrderAreStateErrors() throws Exception {
        SessionHandshake init = f.initiator(binding);
        assertThrows(IllegalHandshakeStateException.class, () -> init.readAccept(new byte[10]));
        init.writePropose();
        assertThrows(IllegalHandshakeStateException.class, init::writePropose);
        SessionHandshake resp = f.responder(binding);
        assertThrows(IllegalHandshakeStateException.class, resp::writePropose);
        assertThrows(IllegalHandshakeStateException.class, () -> resp.writeAccept(new byte[0]));
    }

    @Test
    void secondAcceptForTheSameProposeIsRejected() throws Exception {
        SessionHandshake init = f.initiator(binding);
        byte[] propose = init.writePropose();
        byte[] accept1 = HandshakeFixture.answer(f.responder(binding), propose).acceptMessage();
        byte[] accept2 = HandshakeFixture.answer(f.responder(binding), propose).acceptMessage();
        init.readAccept(accept1);
        assertThrows(IllegalHandshakeStateException.class, () -> init.readAccept(accept2));
    }

    @Test
    void lowerDidWinsGlareByteWise() {
        assertTrue(Roles.isInitiator(f.initiatorDid, f.responderDid));
        assertFalse(Roles.isInitiator(f.responderDid, f.initiatorDid));
        assertTrue(Roles.isInitiator("did:key:zA", "did:key:za"), "byte-wise, not case-insensitive");
        assertThrows(IllegalArgumentException.class, () -> Roles.isInitiator("did:key:z1", "did:key:z1"));
    }
}
