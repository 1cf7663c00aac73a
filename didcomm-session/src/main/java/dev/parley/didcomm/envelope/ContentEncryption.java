package dev.parley.didcomm.envelope;

import java.util.Optional;

/** JWE content encryption algorithms DIDComm allows ({@code enc}). Authcrypt permits only A256CBC-HS512. */
public enum ContentEncryption {
    A256CBC_HS512("A256CBC-HS512", 64, 16, 32),
    A256GCM("A256GCM", 32, 12, 16),
    XC20P("XC20P", 32, 24, 16);

    private final String wireName;
    private final int keyBytes;
    private final int ivBytes;
    private final int tagBytes;

    ContentEncryption(String wireName, int keyBytes, int ivBytes, int tagBytes) {
        this.wireName = wireName;
        this.keyBytes = keyBytes;
        this.ivBytes = ivBytes;
        this.tagBytes = tagBytes;
    }

    /** The {@code enc} header value. */
    public String wireName() {
        return wireName;
    }

    /** Content encryption key length in bytes. */
    public int keyBytes() {
        return keyBytes;
    }

    /** IV (nonce) length in bytes. */
    public int ivBytes() {
        return ivBytes;
    }

    /** Authentication tag length in bytes. */
    public int tagBytes() {
        return tagBytes;
    }

    /** The algorithm named by an {@code enc} header, or empty if DIDComm does not allow it. */
    public static Optional<ContentEncryption> fromWire(String enc) {
        for (ContentEncryption c : values()) {
            if (c.wireName.equals(enc)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Parses a user's choice such as {@code A256GCM} (the CLI's {@code --enc}). */
    public static ContentEncryption parse(String enc) {
        return fromWire(enc).orElseThrow(() -> new IllegalArgumentException(
                "unknown content encryption '" + enc + "'; use A256CBC-HS512, A256GCM or XC20P"));
    }
}
