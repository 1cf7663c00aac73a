package dev.parley.session.handshake;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The secrets and ids a completed handshake yields: the send and receive keys (epoch 0), the handshake hash
 * (channel binding), and the session ids each side put on records addressed to it. Redacts itself when printed;
 * the record layer takes the keys and the caller should {@link #destroy()} this object afterwards. Not thread-safe.
 */
public final class SessionKeys {
    private final byte[] sendKey;
    private final byte[] receiveKey;
    private final byte[] handshakeHash;
    private final long localSessionId;
    private final long remoteSessionId;
    private final boolean initiator;
    private final Suite suite;

    SessionKeys(byte[] sendKey, byte[] receiveKey, byte[] handshakeHash, long localSessionId, long remoteSessionId,
                boolean initiator, Suite suite) {
        this.suite = suite;
        this.sendKey = sendKey.clone();
        this.receiveKey = receiveKey.clone();
        this.handshakeHash = handshakeHash.clone();
        this.localSessionId = localSessionId;
        this.remoteSessionId = remoteSessionId;
        this.initiator = initiator;
    }

    /** A copy of the key for records this side sends. */
    public byte[] sendKey() {
        return sendKey.clone();
    }

    /** A copy of the key for records this side receives. */
    public byte[] receiveKey() {
        return receiveKey.clone();
    }

    /** The Noise handshake hash: unique per session, the same on both sides, not secret. */
    public byte[] handshakeHash() {
        return handshakeHash.clone();
    }

    /** The id the peer puts on records for this side. */
    public long localSessionId() {
        return localSessionId;
    }

    /** The id this side puts on records for the peer. */
    public long remoteSessionId() {
        return remoteSessionId;
    }

    public boolean isInitiator() {
        return initiator;
    }

    /** The records' AEAD. */
    public Suite suite() {
        return suite;
    }

    public void destroy() {
        Arrays.fill(sendKey, (byte) 0);
        Arrays.fill(receiveKey, (byte) 0);
    }

    @Override
    public String toString() {
        return "SessionKeys[" + (initiator ? "initiator" : "responder") + ", " + suite + ", local=" + Long.toHexString(localSessionId)
                + ", remote=" + Long.toHexString(remoteSessionId) + ", h=" + HexFormat.of().formatHex(handshakeHash, 0, 4)
                + "..., keys=<redacted>]";
    }
}
