package dev.parley.didcomm.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The content of an {@link Attachment}: inline base64url bytes, inline JSON, or links to fetch with a
 * mandatory hash. Each form may carry a detached {@code jws}.
 *
 * <p>Hashes are multihashes written in lowercase hex; {@link #sha256Multihash(byte[])} makes one
 * (sha2-256, prefix {@code 1220}) and {@link Base64Data#hashMatches()} checks it.
 */
public sealed interface AttachmentData permits AttachmentData.Base64Data, AttachmentData.JsonData,
        AttachmentData.LinksData {

    /** The multihash of the content, or null. */
    String hash();

    /** A detached JWS over the content (as sent, object or string), or null. */
    JsonNode jws();

    /** Inline bytes, base64url-encoded on the wire. */
    record Base64Data(String base64, String hash, JsonNode jws) implements AttachmentData {
        public Base64Data {
            Objects.requireNonNull(base64, "base64");
        }

        /** Inline data for {@code content} with its sha2-256 multihash. */
        public static Base64Data of(byte[] content) {
            return new Base64Data(Base64.getUrlEncoder().withoutPadding().encodeToString(content),
                    sha256Multihash(content), null);
        }

        /** The decoded bytes (base64url, padding optional). */
        public byte[] decode() {
            return Base64.getUrlDecoder().decode(base64);
        }

        /** True when there is no hash, or the hash is a sha2-256 multihash of the decoded bytes. */
        public boolean hashMatches() {
            return hash == null || hash.equalsIgnoreCase(sha256Multihash(decode()));
        }
    }

    /** Inline JSON. */
    record JsonData(JsonNode json, String hash, JsonNode jws) implements AttachmentData {
        public JsonData {
            Objects.requireNonNull(json, "json");
            json = json.deepCopy();
        }
    }

    /** Content by reference; the hash is required so the fetched bytes can be checked. */
    record LinksData(List<String> links, String hash, JsonNode jws) implements AttachmentData {
        public LinksData {
            links = List.copyOf(links);
            if (hash == null || hash.isBlank()) {
                throw new IllegalArgumentException("links attachment data requires a hash of the content");
            }
        }
    }

    /** The sha2-256 multihash (code 0x12, length 0x20) of {@code content}, as lowercase hex. */
    static String sha256Multihash(byte[] content) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(content);
            return "1220" + HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
