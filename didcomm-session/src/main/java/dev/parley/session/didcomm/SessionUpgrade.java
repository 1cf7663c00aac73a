package dev.parley.session.didcomm;

import dev.parley.did.DidException;
import dev.parley.did.DidResolver;
import dev.parley.did.VerificationMethod;
import dev.parley.did.crypto.KeyType;
import dev.parley.did.crypto.PrivateKey;
import dev.parley.did.crypto.PublicKey;
import dev.parley.didcomm.message.Message;
import dev.parley.session.handshake.AppFingerprint;
import dev.parley.session.handshake.Established;
import dev.parley.session.handshake.HandshakeBinding;
import dev.parley.session.handshake.HandshakeException;
import dev.parley.session.handshake.GlareException;
import dev.parley.session.handshake.InvitationRegistry;
import dev.parley.session.handshake.PendingHandshakes;
import dev.parley.session.handshake.Roles;
import dev.parley.session.handshake.SessionHandshake;
import dev.parley.session.handshake.TooManyPendingHandshakesException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One identity's side of the session upgrade over DIDComm: makes proposes, answers them, and completes on accepts.
 * Messages go out and come in through the caller's DIDComm stack (always authcrypt: the caller must have checked
 * that {@code from} is the authenticated sender). Pending state is bounded by {@link PendingHandshakes}; a
 * responder keeps none. Thread-safe.
 */
public final class SessionUpgrade {
    private final String localDid;
    private final PrivateKey localKey;
    private final DidResolver resolver;
    private final AppFingerprint fingerprint;
    private final PendingHandshakes pending;
    private final Optional<InvitationRegistry> invitations;
    private final SecureRandom random;

    /** What handling one incoming session message produced. */
    public sealed interface Outcome permits Upgraded, Refused, PeerRejected, Ignored {
    }

    /**
     * A session is established with {@code peerDid}. For the responder {@code reply} is the accept to send (and the
     * peer is confirmed only by its first record).
     */
    public record Upgraded(String peerDid, String threadId, Established established, Optional<Message> reply)
            implements Outcome {
    }

    /** This side refused the message; {@code reply} is the reject to send. */
    public record Refused(HandshakeException cause, Message reply) implements Outcome {
    }

    /** The peer refused this side's propose. */
    public record PeerRejected(String peerDid, String threadId, SessionMessages.RejectBody reject) implements Outcome {
    }

    /** Nothing to do (a late or duplicate message); the reason says which. */
    public record Ignored(String reason) implements Outcome {
    }

    /**
     * @param localKey    this identity's X25519 keyAgreement private key (did:peer:2 {@code #key-2}, or a did:key's
     *                    Ed25519 key through {@code deriveX25519()})
     * @param fingerprint the application this side runs (bound into every handshake)
     * @param invitations when present, a propose naming an invitation ({@code pthid}) must redeem it
     */
    public SessionUpgrade(String localDid, PrivateKey localKey, DidResolver resolver, AppFingerprint fingerprint,
                          PendingHandshakes pending, Optional<InvitationRegistry> invitations, SecureRandom random) {
        if (localKey.type() != KeyType.X25519) {
            throw new IllegalArgumentException("the session key must be X25519, got " + localKey.type());
        }
        this.localDid = localDid;
        this.localKey = localKey;
        this.resolver = resolver;
        this.fingerprint = fingerprint;
        this.pending = pending;
        this.invitations = invitations;
        this.random = random;
    }

    /**
     * Starts a handshake with {@code peerDid} and returns the propose to send.
     *
     * @param invitationId the invitation being answered, if any (it becomes the propose's {@code pthid})
     * @param candidates   this side's ICE offer blob
     */
    public Message propose(String peerDid, Optional<String> invitationId, byte[] candidates)
            throws DidException, TooManyPendingHandshakesException {
        String thread = newId();
        HandshakeBinding binding = new HandshakeBinding(localDid, peerDid, thread, fingerprint);
        SessionHandshake h = SessionHandshake.initiator(binding, localKey, keyAgreementKeys(peerDid).get(0), candidates,
                random);
        byte[] propose = h.writePropose();
        pending.add(h);
        return SessionMessages.handshake(SessionMessages.PROPOSE, thread, localDid, peerDid, null,
                invitationId.orElse(null), propose, fingerprint);
    }

    /**
     * Handles one session message from an authenticated sender.
     *
     * @param answerCandidates computes this side's ICE answer blob from the peer's offer blob (used when responding)
     */
    public Outcome handle(Message m, UnaryOperator<byte[]> answerCandidates)
            throws InvalidSessionMessageException, DidException {
        String peer = m.fromDid().orElseThrow(() -> new InvalidSessionMessageException(
                m.type() + " must name its sender (authcrypt)"));
        return switch (m.type()) {
            case SessionMessages.PROPOSE -> onPropose(m, peer, answerCandidates);
            case SessionMessages.ACCEPT -> onAccept(m, peer);
            case SessionMessages.REJECT -> {
                Optional<SessionHandshake> mine = pending.take(m.threadId());
                yield mine.isPresent()
                        ? new PeerRejected(peer, m.threadId(), SessionMessages.parseReject(m))
                        : new Ignored("reject for no pending handshake (thread " + m.threadId() + ")");
            }
            case SessionMessages.CLOSE -> new Ignored("close is advisory; the session's close record ends it");
            default -> throw new InvalidSessionMessageException("not a session protocol message: " + m.type());
        };
    }

    private Outcome onPropose(Message m, String peer, UnaryOperator<byte[]> answerCandidates)
            throws InvalidSessionMessageException, DidException {
        SessionMessages.HandshakeBody body = SessionMessages.parseHandshake(m);
        String thread = m.threadId();
        Optional<String> mine = pending.pendingThreadWith(peer);
        if (mine.isPresent()) {
            if (Roles.isInitiator(localDid, peer)) {
                GlareException glare = new GlareException(mine.get());
                return new Refused(glare, SessionMessages.reject(newId(), localDid, peer, thread, glare));
            }
            pending.take(mine.get());
        }
        try {
            if (m.pthid() != null && invitations.isPresent()) {
                invitations.get().redeem(m.pthid());
            }
            HandshakeBinding binding = new HandshakeBinding(peer, localDid, thread, fingerprint);
            SessionHandshake h = SessionHandshake.responder(binding, localKey, keyAgreementKeys(peer), random);
            byte[] offer = h.readPropose(body.handshake());
            SessionHandshake.Accepted accepted = h.writeAccept(answerCandidates.apply(offer));
            Message accept = SessionMessages.handshake(SessionMessages.ACCEPT, newId(), localDid, peer, thread, null,
                    accepted.acceptMessage(), fingerprint);
            return new Upgraded(peer, thread, accepted.established(), Optional.of(accept));
        } catch (HandshakeException e) {
            return new Refused(e, SessionMessages.reject(newId(), localDid, peer, thread, e));
        }
    }

    private Outcome onAccept(Message m, String peer) throws InvalidSessionMessageException {
        SessionMessages.HandshakeBody body = SessionMessages.parseHandshake(m);
        Optional<SessionHandshake> mine = pending.take(m.threadId());
        if (mine.isEmpty()) {
            return new Ignored("accept for no pending handshake (thread " + m.threadId() + "): late, duplicate or timed out");
        }
        if (!mine.get().binding().responderDid().equals(peer)) {
            return new Ignored("accept for thread " + m.threadId() + " from " + peer + ", who was not asked");
        }
        try {
            return new Upgraded(peer, m.threadId(), mine.get().readAccept(body.handshake()), Optional.empty());
        } catch (HandshakeException e) {
            return new Refused(e, SessionMessages.reject(newId(), localDid, peer, m.threadId(), e));
        }
    }

    private List<PublicKey> keyAgreementKeys(String did) throws DidException {
        List<PublicKey> keys = resolver.resolve(did).keyAgreementMethods().stream().map(VerificationMethod::publicKey)
                .filter(k -> k.type() == KeyType.X25519).toList();
        if (keys.isEmpty()) {
            throw new dev.parley.did.UnsupportedKeyTypeException(did + " has no X25519 keyAgreement key; a session needs one");
        }
        return keys;
    }

    private String newId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
