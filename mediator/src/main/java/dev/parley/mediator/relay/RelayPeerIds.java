package dev.parley.mediator.relay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The relay's name for a DID inside a token: {@code did-sha256-} and the first 20 bytes of SHA-256(DID) in hex.
 * Relay peer ids are at most 64 characters and a did:peer:2 is far longer, so every DID is hashed the same way; the
 * relay only needs two distinct, stable names per allocation.
 */
public final class RelayPeerIds {
    private RelayPeerIds() {
    }

    public static String of(String did) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(did.getBytes(StandardCharsets.UTF_8));
            return "did-sha256-" + HexFormat.of().formatHex(h, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
