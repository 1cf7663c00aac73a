package dev.parley.session.handshake;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Who wins when both sides propose at once: the lower DID (byte-wise on UTF-8), the same decision on both sides. */
public final class Roles {
    private Roles() {
    }

    public static boolean isInitiator(String localDid, String peerDid) {
        int c = Arrays.compareUnsigned(localDid.getBytes(StandardCharsets.UTF_8), peerDid.getBytes(StandardCharsets.UTF_8));
        if (c == 0) {
            throw new IllegalArgumentException("a session needs two different DIDs, got " + localDid + " twice");
        }
        return c < 0;
    }
}
