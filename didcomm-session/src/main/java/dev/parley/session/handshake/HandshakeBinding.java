package dev.parley.session.handshake;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What a session is bound to: both DIDs (in their handshake roles: the proposer initiates), the DIDComm thread id and the
 * application fingerprint. All of it goes into the Noise prologue, so a handshake made for any other binding fails.
 * Immutable; validated on construction.
 */
public record HandshakeBinding(String initiatorDid, String responderDid, String threadId, AppFingerprint fingerprint) {
    /** Longest DID accepted (did:peer:2 with services can be long, but not unbounded). */
    public static final int MAX_DID_LENGTH = 4096;
    public static final int MAX_THREAD_ID_LENGTH = 256;

    public HandshakeBinding {
        Objects.requireNonNull(fingerprint, "fingerprint");
        check("initiator DID", initiatorDid, MAX_DID_LENGTH);
        check("responder DID", responderDid, MAX_DID_LENGTH);
        check("thread id", threadId, MAX_THREAD_ID_LENGTH);
        if (initiatorDid.equals(responderDid)) {
            throw new IllegalArgumentException("a session needs two different DIDs, got " + initiatorDid + " twice");
        }
    }

    /** The prologue bytes: label, version, suite, both DIDs, thread id, fingerprint, strings length-prefixed. */
    public byte[] prologue(Suite suite) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes("parley-session/1".getBytes(StandardCharsets.US_ASCII));
        out.write(HandshakeWire.VERSION);
        writeString(out, suite.wireName());
        writeString(out, initiatorDid);
        writeString(out, responderDid);
        writeString(out, threadId);
        out.writeBytes(fingerprint.bytes());
        return out.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length >>> 8);
        out.write(b.length);
        out.writeBytes(b);
    }

    private static void check(String what, String value, int max) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() || value.getBytes(StandardCharsets.UTF_8).length > max) {
            throw new IllegalArgumentException(what + " must be 1.." + max + " bytes, got "
                    + value.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
