package dev.parley.didcomm.did;

import java.util.Objects;

/**
 * A DID this agent controls together with its private keys: what a sender signs or authcrypts with.
 * Immutable; {@link #toString()} never shows key material.
 */
public record LocalIdentity(String did, SecretResolver secrets) {
    public LocalIdentity {
        Objects.requireNonNull(did, "did");
        Objects.requireNonNull(secrets, "secrets");
        if (!did.startsWith("did:") || did.contains("#")) {
            throw new IllegalArgumentException("local identity needs a DID without fragment, got '" + did + "'");
        }
    }
}
