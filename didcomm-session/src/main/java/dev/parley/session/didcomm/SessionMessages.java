package dev.parley.session.didcomm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.didcomm.message.Message;
import dev.parley.session.handshake.AppFingerprint;
import dev.parley.session.handshake.FingerprintMismatchException;
import dev.parley.session.handshake.HandshakeException;
import dev.parley.session.handshake.HandshakeWire;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Builds and parses the session protocol's DIDComm messages. Parsing validates everything once, at the edge:
 * a malformed body is an {@link InvalidSessionMessageException} naming the field.
 */
public final class SessionMessages {
    public static final String PIURI = "https://parley.dev/protocols/session/1.0";
    public static final String PROPOSE = PIURI + "/propose";
    public static final String ACCEPT = PIURI + "/accept";
    public static final String REJECT = PIURI + "/reject";
    public static final String CLOSE = PIURI + "/close";
    private static final int MAX_HANDSHAKE_BASE64 = (HandshakeWire.MAX_LENGTH + 2) / 3 * 4;

    private SessionMessages() {
    }

    /** A handshake message (propose or accept) as carried in the body. */
    public record HandshakeBody(byte[] handshake, AppFingerprint fingerprint) {
        public HandshakeBody {
            handshake = handshake.clone();
        }

        @Override
        public byte[] handshake() {
            return handshake.clone();
        }
    }

    /** A reject: the problem code descriptor, a comment, and both fingerprints when they differed. */
    public record RejectBody(String code, String comment, Optional<AppFingerprint> local, Optional<AppFingerprint> remote) {
    }

    static Message handshake(String type, String id, String from, String to, String thid, String pthid, byte[] handshake,
                             AppFingerprint fingerprint) {
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("handshake", Base64.getUrlEncoder().withoutPadding().encodeToString(handshake))
                .put("fingerprint", fingerprint.hex())
                .put("version", HandshakeWire.VERSION)
                .put("suite", HandshakeWire.suiteName(handshake));
        Message.Builder b = Message.builder(id, type).from(from).to(List.of(to)).body(body);
        if (thid != null) {
            b.thid(thid);
        }
        if (pthid != null) {
            b.pthid(pthid);
        }
        return b.build();
    }

    static Message reject(String id, String from, String to, String thid, HandshakeException e) {
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("code", "e.p." + e.problemCode())
                .put("comment", e.getMessage());
        if (e instanceof FingerprintMismatchException f) {
            // From the rejecting side's view: its own fingerprint is "local".
            body.put("local_fingerprint", f.local().hex()).put("remote_fingerprint", f.remote().hex());
        }
        return Message.builder(id, REJECT).from(from).to(List.of(to)).thid(thid).body(body).build();
    }

    /** Parses a propose or accept body. */
    public static HandshakeBody parseHandshake(Message m) throws InvalidSessionMessageException {
        JsonNode body = m.body();
        String hs = text(body, "handshake", MAX_HANDSHAKE_BASE64);
        String fp = text(body, "fingerprint", 64);
        JsonNode version = body.get("version");
        if (version == null || !version.isInt()) {
            throw new InvalidSessionMessageException(m.type() + " body needs an integer \"version\"");
        }
        try {
            return new HandshakeBody(Base64.getUrlDecoder().decode(hs), AppFingerprint.fromHex(fp));
        } catch (IllegalArgumentException e) {
            throw new InvalidSessionMessageException(m.type() + " body: " + e.getMessage());
        }
    }

    /** Parses a reject body. */
    public static RejectBody parseReject(Message m) throws InvalidSessionMessageException {
        JsonNode body = m.body();
        String code = text(body, "code", 128);
        String comment = body.has("comment") ? text(body, "comment", 2048) : "";
        try {
            Optional<AppFingerprint> local = body.has("local_fingerprint")
                    ? Optional.of(AppFingerprint.fromHex(text(body, "local_fingerprint", 64))) : Optional.empty();
            Optional<AppFingerprint> remote = body.has("remote_fingerprint")
                    ? Optional.of(AppFingerprint.fromHex(text(body, "remote_fingerprint", 64))) : Optional.empty();
            return new RejectBody(code, comment, local, remote);
        } catch (IllegalArgumentException e) {
            throw new InvalidSessionMessageException("reject body: " + e.getMessage());
        }
    }

    private static String text(JsonNode body, String field, int max) throws InvalidSessionMessageException {
        JsonNode n = body.get(field);
        if (n == null || !n.isTextual()) {
            throw new InvalidSessionMessageException("session message body needs a string \"" + field + "\"");
        }
        if (n.textValue().length() > max) {
            throw new InvalidSessionMessageException("session message field \"" + field + "\" exceeds " + max
                    + " characters");
        }
        return n.textValue();
    }
}
