package dev.parley.session.handshake.internal;

import dev.parley.did.DidException;
import dev.parley.did.crypto.KeyAgreement;
import dev.parley.did.crypto.KeyType;
import dev.parley.did.crypto.PrivateKey;
import dev.parley.did.crypto.PublicKey;
import dev.parley.did.crypto.SharedSecret;
import dev.parley.session.handshake.internal.NoisePattern.Token;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;

/**
 * The Noise HandshakeState for one party, generic over {@link NoisePattern}'s tokens.
 *
 * <p>Bytes in, bytes out: no I/O, no clock. Keys come in (the ephemeral too, so known-answer vectors
 * can fix it); a failed read leaves the object unusable ({@link NoiseFailedException}), as the Noise
 * specification requires. Not thread-safe: one handshake belongs to one caller.
 */
public final class NoiseHandshake {
    /** The X25519 public key length. */
    public static final int DHLEN = 32;
    private static final int TAGLEN = 16;

    private final NoisePattern pattern;
    private final boolean initiator;
    private final SymmetricState symmetric;
    private final PrivateKey s;
    private final PrivateKey e;
    private PublicKey rs;
    private PublicKey re;
    private int messageIndex;
    private boolean failed;

    /**
     * @param s  this party's static key, or null when the pattern gives it none
     * @param e  this party's ephemeral key (fresh per handshake)
     * @param rs the peer's static key when known before the handshake, else null
     */
    public NoiseHandshake(NoisePattern pattern, boolean initiator, byte[] prologue, PrivateKey s, PrivateKey e,
                          PublicKey rs) {
        this.pattern = Objects.requireNonNull(pattern, "pattern");
        this.initiator = initiator;
        this.s = s;
        this.e = Objects.requireNonNull(e, "ephemeral key");
        this.rs = rs;
        requireX25519(e, "ephemeral");
        if (s != null) {
            requireX25519(s, "static");
        }
        boolean needsOwnStatic = initiator ? pattern.initiatorSendsStatic() : pattern.responderStaticPremessage();
        if (needsOwnStatic && s == null) {
            throw new IllegalArgumentException(pattern + " needs this party's static key");
        }
        if (initiator && pattern.responderStaticPremessage() && rs == null) {
            throw new IllegalArgumentException(pattern + " needs the responder's static key before the handshake");
        }
        symmetric = new SymmetricState(pattern.protocolName());
        symmetric.mixHash(prologue);
        if (pattern.responderStaticPremessage()) {
            symmetric.mixHash(initiator ? rs.rawBytes() : s.publicKey().rawBytes());
        }
    }

    /** Whether it is this party's turn to write. */
    public boolean isMyTurn() {
        return !isComplete() && (messageIndex % 2 == 0) == initiator;
    }

    public boolean isComplete() {
        return messageIndex == pattern.messages().size();
    }

    /** Writes the next handshake message carrying {@code payload}. */
    public byte[] writeMessage(byte[] payload) throws NoiseFailedException {
        requireUsable(true);
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + payload.length);
        for (Token token : pattern.messages().get(messageIndex)) {
            switch (token) {
                case E -> {
                    byte[] pub = e.publicKey().rawBytes();
                    out.writeBytes(pub);
                    symmetric.mixHash(pub);
                }
                case S -> out.writeBytes(symmetric.encryptAndHash(s.publicKey().rawBytes()));
                default -> mixDh(token);
            }
        }
        out.writeBytes(symmetric.encryptAndHash(payload));
        messageIndex++;
        return out.toByteArray();
    }

    /** Reads the peer's next handshake message and returns its payload. */
    public byte[] readMessage(byte[] message) throws NoiseFailedException {
        requireUsable(false);
        try {
            int at = 0;
            for (Token token : pattern.messages().get(messageIndex)) {
                switch (token) {
                    case E -> {
                        re = publicKey(slice(message, at, DHLEN), "ephemeral");
                        symmetric.mixHash(re.rawBytes());
                        at += DHLEN;
                    }
                    case S -> {
                        int len = DHLEN + (symmetric.hasKey() ? TAGLEN : 0);
                        rs = publicKey(symmetric.decryptAndHash(slice(message, at, len)), "static");
                        at += len;
                    }
                    default -> mixDh(token);
                }
            }
            byte[] rest = Arrays.copyOfRange(message, at, message.length);
            if (symmetric.hasKey() && rest.length < TAGLEN) {
                throw new NoiseFailedException("handshake message truncated: " + message.length + " bytes");
            }
            byte[] payload = symmetric.decryptAndHash(rest);
            messageIndex++;
            return payload;
        } catch (AEADBadTagException ex) {
            fail();
            throw new NoiseFailedException("handshake message failed authentication (tampered, truncated, "
                    + "another prologue or another key)");
        } catch (NoiseFailedException ex) {
            fail();
            throw ex;
        }
    }

    /** The peer's static key, once received or when known in advance. */
    public PublicKey remoteStatic() {
        return rs;
    }

    /** After the last message: the two transport keys and the handshake hash. Erases the handshake secrets. */
    public SplitKeys split() {
        if (!isComplete() || failed) {
            throw new IllegalStateException("split() before the handshake completed");
        }
        byte[] h = symmetric.handshakeHash();
        byte[][] keys = symmetric.split();
        return new SplitKeys(keys[0], keys[1], h);
    }

    /** Transport keys from {@code Split()}: initiator-to-responder, responder-to-initiator, and the handshake hash. */
    public record SplitKeys(byte[] initiatorToResponder, byte[] responderToInitiator, byte[] handshakeHash) {
        @Override
        public String toString() {
            return "SplitKeys[<redacted>]";
        }

        /** Overwrites both keys. */
        public void erase() {
            Arrays.fill(initiatorToResponder, (byte) 0);
            Arrays.fill(responderToInitiator, (byte) 0);
        }
    }

    private void mixDh(Token token) throws NoiseFailedException {
        PrivateKey own;
        PublicKey peer;
        switch (token) {
            case EE -> { own = e; peer = re; }
            case SS -> { own = s; peer = rs; }
            case ES -> { own = initiator ? e : s; peer = initiator ? rs : re; }
            case SE -> { own = initiator ? s : e; peer = initiator ? re : rs; }
            default -> throw new IllegalArgumentException("not a DH token: " + token);
        }
        try {
            SharedSecret shared = KeyAgreement.agree(own, peer);
            byte[] dh = shared.bytes();
            shared.destroy();
            symmetric.mixKey(dh);
            Arrays.fill(dh, (byte) 0);
        } catch (DidException ex) {
            throw new NoiseFailedException("Diffie-Hellman failed: " + ex.getMessage());
        }
    }

    private void requireUsable(boolean writing) {
        if (failed) {
            throw new IllegalStateException("this handshake failed earlier; start a new one");
        }
        if (isComplete()) {
            throw new IllegalStateException("the handshake is already complete");
        }
        if (writing != isMyTurn()) {
            throw new IllegalStateException(writing ? "it is the peer's turn to write" : "it is this party's turn to write");
        }
    }

    private void fail() {
        failed = true;
        symmetric.erase();
    }

    private static byte[] slice(byte[] message, int at, int len) throws NoiseFailedException {
        if (message.length < at + len) {
            throw new NoiseFailedException("handshake message truncated: " + message.length + " bytes");
        }
        return Arrays.copyOfRange(message, at, at + len);
    }

    private static PublicKey publicKey(byte[] raw, String what) throws NoiseFailedException {
        try {
            return PublicKey.of(KeyType.X25519, raw);
        } catch (DidException ex) {
            throw new NoiseFailedException("peer's " + what + " key is not a valid X25519 key: " + ex.getMessage());
        }
    }

    private static void requireX25519(PrivateKey key, String what) {
        if (key.type() != KeyType.X25519) {
            throw new IllegalArgumentException("the " + what + " key must be X25519, got " + key.type());
        }
    }
}
