package dev.parley.session.handshake;

import dev.parley.did.DidException;
import dev.parley.did.crypto.KeyType;
import dev.parley.did.crypto.PrivateKey;
import dev.parley.did.crypto.PublicKey;
import dev.parley.session.handshake.internal.NoiseFailedException;
import dev.parley.session.handshake.internal.NoiseHandshake;
import dev.parley.session.handshake.internal.NoisePattern;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;

/**
 * One side of the session handshake (Noise IK, docs/protocol/session.md section 3) as a pure state machine.
 *
 * <pre>
 * initiator: NEW --writePropose--> AWAITING_ACCEPT --readAccept--> ESTABLISHED            (any failure: FAILED)
 * responder: NEW --readPropose--> PROPOSED --writeAccept(candidates)--> ESTABLISHED        (any failure: FAILED)
 * </pre>
 * The responder answers in two steps because its ICE answer is computed from the initiator's candidates.
 * Every other call is an {@link IllegalHandshakeStateException}; every failure is terminal. Not thread-safe: the
 * caller owns the object until it reaches a final state.
 */
public final class SessionHandshake {
    /** Handshake states; FAILED and ESTABLISHED are final. */
    public enum State { NEW, AWAITING_ACCEPT, PROPOSED, ESTABLISHED, FAILED }

    /** Largest ICE candidate blob carried in a handshake payload. */
    public static final int MAX_CANDIDATES = 2048;

    private final HandshakeBinding binding;
    private final boolean initiator;
    private final PrivateKey localStatic;
    private final PrivateKey ephemeral;
    private Suite suite;
    private NoiseHandshake noise;
    private final List<PublicKey> acceptableInitiatorKeys;
    private byte[] candidates;
    private byte[] proposePayload;
    private final long localSessionId;
    private State state = State.NEW;

    private SessionHandshake(HandshakeBinding binding, boolean initiator, Suite suite, PrivateKey localStatic,
                             PublicKey responderStatic, List<PublicKey> acceptableInitiatorKeys, byte[] candidates,
                             SecureRandom random) {
        if (candidates.length > MAX_CANDIDATES) {
            throw new IllegalArgumentException("candidate blob of " + candidates.length + " bytes exceeds " + MAX_CANDIDATES);
        }
        this.binding = binding;
        this.initiator = initiator;
        this.suite = suite;
        this.localStatic = localStatic;
        this.ephemeral = ephemeral(random);
        // The responder learns the suite from the propose, so its Noise state (whose prologue names it) starts then.
        this.noise = initiator ? new NoiseHandshake(NoisePattern.IK, true, binding.prologue(suite), localStatic,
                ephemeral, responderStatic) : null;
        this.acceptableInitiatorKeys = acceptableInitiatorKeys;
        this.candidates = candidates.clone();
        long id;
        do {
            id = random.nextLong();
        } while (id == 0);
        this.localSessionId = id;
    }

    /**
     * The initiator, which chose to propose (when both propose at once, the lower DID's propose wins; see
     * {@link Roles}).
     *
     * @param suite           the records' AEAD
     * @param localStatic     this side's X25519 keyAgreement private key
     * @param responderStatic the responder DID's X25519 keyAgreement key (first in its document)
     * @param candidates      this side's ICE candidate blob (may be empty)
     */
    public static SessionHandshake initiator(HandshakeBinding binding, Suite suite, PrivateKey localStatic,
                                             PublicKey responderStatic, byte[] candidates, SecureRandom random) {
        Objects.requireNonNull(responderStatic, "responderStatic");
        return new SessionHandshake(binding, true, suite, localStatic, responderStatic, List.of(), candidates, random);
    }

    /** The initiator with the default suite, {@link Suite#AES_256_GCM}. */
    public static SessionHandshake initiator(HandshakeBinding binding, PrivateKey localStatic, PublicKey responderStatic,
                                             byte[] candidates, SecureRandom random) {
        return initiator(binding, Suite.AES_256_GCM, localStatic, responderStatic, candidates, random);
    }

    /**
     * The responder; it accepts whichever supported suite the initiator chose.
     *
     * @param initiatorKeys the X25519 keyAgreement keys of the initiator DID; the proven key must be one of them
     */
    public static SessionHandshake responder(HandshakeBinding binding, PrivateKey localStatic, List<PublicKey> initiatorKeys,
                                             SecureRandom random) {
        if (initiatorKeys.isEmpty()) {
            throw new IllegalArgumentException("the initiator DID " + binding.initiatorDid() + " has no X25519 keyAgreement key");
        }
        return new SessionHandshake(binding, false, null, localStatic, null, List.copyOf(initiatorKeys), new byte[0], random);
    }

    /** Initiator, NEW: the propose message. */
    public byte[] writePropose() {
        require(true, State.NEW, "writePropose");
        byte[] message = write(HandshakeWire.Kind.PROPOSE);
        state = State.AWAITING_ACCEPT;
        return message;
    }

    /** Initiator, AWAITING_ACCEPT: reads the accept and completes. */
    public Established readAccept(byte[] message) throws HandshakeException {
        require(true, State.AWAITING_ACCEPT, "readAccept");
        try {
            byte[] payload = read(message, HandshakeWire.Kind.ACCEPT);
            Established out = finish(payload, true);
            state = State.ESTABLISHED;
            return out;
        } catch (HandshakeException | RuntimeException e) {
            state = State.FAILED;
            throw e;
        }
    }

    /**
     * Responder, NEW: reads the propose, checks that the proven static key belongs to the initiator DID, and returns
     * the initiator's ICE candidate blob.
     */
    public byte[] readPropose(byte[] message) throws HandshakeException {
        require(false, State.NEW, "readPropose");
        try {
            byte[] payload = read(message, HandshakeWire.Kind.PROPOSE);
            PublicKey proven = noise.remoteStatic();
            if (!acceptableInitiatorKeys.contains(proven)) {
                throw new PeerKeyMismatchException("the propose proves key " + proven.toMultibase()
                        + ", which is not a keyAgreement key of " + binding.initiatorDid());
            }
            byte[] peerCandidates = parseCandidates(payload);
            proposePayload = payload;
            state = State.PROPOSED;
            return peerCandidates;
        } catch (HandshakeException | RuntimeException e) {
            state = State.FAILED;
            throw e;
        }
    }

    /** Responder, PROPOSED: the accept carrying this side's candidates, and the established session. */
    public Accepted writeAccept(byte[] localCandidates) throws HandshakeException {
        require(false, State.PROPOSED, "writeAccept");
        if (localCandidates.length > MAX_CANDIDATES) {
            throw new IllegalArgumentException("candidate blob of " + localCandidates.length + " bytes exceeds "
                    + MAX_CANDIDATES);
        }
        candidates = localCandidates.clone();
        byte[] accept = write(HandshakeWire.Kind.ACCEPT);
        Established out = finish(proposePayload, false);
        state = State.ESTABLISHED;
        return new Accepted(accept, out);
    }

    public State state() {
        return state;
    }

    public boolean isInitiator() {
        return initiator;
    }

    public HandshakeBinding binding() {
        return binding;
    }

    /** The suite: the initiator's choice; for the responder, known once the propose was read. */
    public Suite suite() {
        return suite;
    }

    /** The responder's result: the accept message to send and the established session keys. */
    public record Accepted(byte[] acceptMessage, Established established) {
        public Accepted {
            acceptMessage = acceptMessage.clone();
        }

        @Override
        public byte[] acceptMessage() {
            return acceptMessage.clone();
        }
    }

    private byte[] write(HandshakeWire.Kind kind) {
        ByteBuffer payload = ByteBuffer.allocate(10 + candidates.length);
        payload.putLong(localSessionId).putShort((short) candidates.length).put(candidates);
        try {
            byte[] noiseBytes = noise.writeMessage(payload.array());
            return new HandshakeWire(HandshakeWire.VERSION, suite, kind, binding.fingerprint(), noiseBytes)
                    .encode();
        } catch (NoiseFailedException e) {
            throw new IllegalStateException("writing a handshake message failed: " + e.getMessage(), e);
        }
    }

    private byte[] read(byte[] message, HandshakeWire.Kind kind) throws HandshakeException {
        HandshakeWire wire = HandshakeWire.decode(message, kind);
        if (!wire.fingerprint().equals(binding.fingerprint())) {
            throw new FingerprintMismatchException(binding.fingerprint(), wire.fingerprint());
        }
        if (noise == null) {
            suite = wire.suite();
            noise = new NoiseHandshake(NoisePattern.IK, false, binding.prologue(suite), localStatic, ephemeral, null);
        } else if (wire.suite() != suite) {
            throw new HandshakeFailedException("the accept names suite " + wire.suite() + ", but the propose chose " + suite);
        }
        try {
            return noise.readMessage(wire.noise());
        } catch (NoiseFailedException e) {
            throw new HandshakeFailedException(e.getMessage());
        }
    }

    private static byte[] parseCandidates(byte[] payload) throws HandshakeFailedException {
        if (payload.length < 10) {
            throw new HandshakeFailedException("handshake payload of " + payload.length + " bytes is shorter than 10");
        }
        ByteBuffer in = ByteBuffer.wrap(payload);
        long peerSessionId = in.getLong();
        int len = in.getShort() & 0xffff;
        if (peerSessionId == 0 || len > MAX_CANDIDATES || len != in.remaining()) {
            throw new HandshakeFailedException("handshake payload is malformed (session id or candidate length)");
        }
        byte[] peerCandidates = new byte[len];
        in.get(peerCandidates);
        return peerCandidates;
    }

    private Established finish(byte[] payload, boolean asInitiator) throws HandshakeFailedException {
        byte[] peerCandidates = parseCandidates(payload);
        long peerSessionId = ByteBuffer.wrap(payload).getLong();
        NoiseHandshake.SplitKeys split = noise.split();
        byte[] send = asInitiator ? split.initiatorToResponder() : split.responderToInitiator();
        byte[] receive = asInitiator ? split.responderToInitiator() : split.initiatorToResponder();
        SessionKeys keys = new SessionKeys(send, receive, split.handshakeHash(), localSessionId, peerSessionId, asInitiator,
                suite);
        split.erase();
        return new Established(keys, peerCandidates, noise.remoteStatic(), asInitiator);
    }

    private void require(boolean asInitiator, State expected, String call) {
        if (initiator != asInitiator || state != expected) {
            throw new IllegalHandshakeStateException(state, call, initiator);
        }
    }

    private static PrivateKey ephemeral(SecureRandom random) {
        try {
            return PrivateKey.generate(KeyType.X25519, random);
        } catch (DidException e) {
            throw new IllegalStateException("cannot generate an X25519 ephemeral key", e);
        }
    }
}
