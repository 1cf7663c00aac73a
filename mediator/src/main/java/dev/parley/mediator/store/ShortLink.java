package dev.parley.mediator.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A shortened URL owned by the DID that requested it.
 *
 * @param slug the path segment after {@code /s/}
 * @param ownerDid who may invalidate it
 * @param url the long URL it redirects to
 * @param goalCode the goal code it was requested with
 * @param createdAt when it was made
 * @param expiresAt when it stops resolving; empty for "until invalidated"
 */
public record ShortLink(String slug, String ownerDid, String url, String goalCode, Instant createdAt,
        Optional<Instant> expiresAt) {
    public ShortLink {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(ownerDid, "ownerDid");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(goalCode, "goalCode");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean validAt(Instant now) {
        return expiresAt.map(now::isBefore).orElse(true);
    }
}
