package dev.parley.mpc.group;

import dev.parley.did.DidException;
import dev.parley.did.crypto.KeyType;
import dev.parley.did.crypto.PrivateKey;
import dev.parley.did.keystore.Identities;
import dev.parley.did.keystore.Identity;
import dev.parley.did.keystore.InvalidIdentityNameException;
import dev.parley.didcomm.did.DidResolutionException;
import dev.parley.didcomm.did.DidResolver;
import dev.parley.didcomm.did.KeystoreIdentities;
import dev.parley.didcomm.did.LocalIdentity;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;

/**
 * Who a party is in a group: its DID, its DIDComm form (for the mediator), its X25519 key-agreement key (the Noise
 * static key of its sessions) and its Ed25519 signing key (the host signs the roster with it). Holds private keys:
 * {@link #toString()} redacts them. Immutable.
 *
 * @param resolver resolves peers' DIDs for DIDComm
 */
public record GroupIdentity(String did, LocalIdentity didcomm, PrivateKey sessionKey, PrivateKey signingKey,
                            DidResolver resolver) {

    public GroupIdentity {
        Objects.requireNonNull(did, "did");
        Objects.requireNonNull(didcomm, "didcomm");
        Objects.requireNonNull(resolver, "resolver");
        if (sessionKey.type() != KeyType.X25519) {
            throw new IllegalArgumentException("the session key must be X25519, got " + sessionKey.type());
        }
        if (signingKey.type() != KeyType.ED25519) {
            throw new IllegalArgumentException("the signing key must be Ed25519, got " + signingKey.type());
        }
    }

    /**
     * The group form of a keystore identity: an Ed25519 did:key (its X25519 key is derived) or a did:peer:2
     * ({@code #key-1} signs, {@code #key-2} agrees keys).
     *
     * @throws UnsupportedIdentityException for any other kind, naming what works instead
     */
    public static GroupIdentity of(Identity identity, DidResolver resolver)
            throws UnsupportedIdentityException, DidException, DidResolutionException {
        PrivateKey signing;
        PrivateKey agreement;
        switch (identity.method()) {
            case "peer" -> {
                signing = identity.key("#key-1").key();
                agreement = identity.key("#key-2").key();
            }
            case "key" -> {
                signing = identity.keys().getFirst().key();
                if (signing.type() != KeyType.ED25519) {
                    throw new UnsupportedIdentityException("identity \"" + identity.name() + "\" is a " + signing.type()
                            + " did:key; an MPC group needs an Ed25519 did:key or a did:peer:2");
                }
                agreement = signing.deriveX25519();
            }
            default -> throw new UnsupportedIdentityException("identity \"" + identity.name() + "\" uses did:"
                    + identity.method() + "; an MPC group needs an Ed25519 did:key or a did:peer:2");
        }
        if (signing.type() != KeyType.ED25519 || agreement.type() != KeyType.X25519) {
            throw new UnsupportedIdentityException("identity \"" + identity.name()
                    + "\" lacks an Ed25519 signing key and an X25519 agreement key");
        }
        return new GroupIdentity(identity.did().toString(), KeystoreIdentities.toLocalIdentity(identity, resolver),
                agreement, signing, resolver);
    }

    /** A fresh Ed25519 did:key held only in memory, for one run (nothing is stored). */
    public static GroupIdentity ephemeral(DidResolver resolver, SecureRandom random, Clock clock)
            throws DidException, DidResolutionException {
        Identity identity;
        try {
            identity = Identities.newDidKey("ephemeral", KeyType.ED25519, random, clock);
        } catch (InvalidIdentityNameException e) {
            throw new IllegalStateException("\"ephemeral\" is a valid identity name", e);
        }
        try {
            return of(identity, resolver);
        } catch (UnsupportedIdentityException e) {
            throw new IllegalStateException("a fresh Ed25519 did:key is always usable", e);
        }
    }

    @Override
    public String toString() {
        return "GroupIdentity[" + did + ", keys redacted]";
    }

    /** The identity cannot take part in a group (wrong DID method or key type). */
    public static final class UnsupportedIdentityException extends Exception {
        public UnsupportedIdentityException(String message) {
            super(message);
        }
    }
}
