package dev.parley.session.handshake;

import java.time.Instant;
import java.util.Objects;

/**
 * An invitation to open a session with {@code inviterDid}: it may expire and may be good for one session only.
 * Its id becomes the handshake's thread id. Immutable.
 */
public record SessionInvitation(String id, String inviterDid, Instant expiresAt, boolean oneTime,
                                AppFingerprint fingerprint) {
    public SessionInvitation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(inviterDid, "inviterDid");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (id.isEmpty() || id.length() > HandshakeBinding.MAX_THREAD_ID_LENGTH) {
            throw new IllegalArgumentException("invitation id must be 1.." + HandshakeBinding.MAX_THREAD_ID_LENGTH + " characters");
        }
    }
}
