package dev.parley.didcomm;

import dev.parley.did.Did;
import dev.parley.did.DidCommMessagingService;
import dev.parley.did.DidException;
import dev.parley.did.Service;
import dev.parley.did.crypto.KeyType;
import dev.parley.did.crypto.PrivateKey;
import dev.parley.did.key.DidKeyMethod;
import dev.parley.did.keystore.Identity;
import dev.parley.did.keystore.StoredKey;
import dev.parley.did.peer.DidPeer;
import dev.parley.did.peer.PeerKey;
import dev.parley.didcomm.did.CachingDidResolver;
import dev.parley.didcomm.did.DidCoreResolver;
import dev.parley.didcomm.did.DidResolutionException;
import dev.parley.didcomm.did.DidResolver;
import dev.parley.didcomm.did.KeystoreIdentities;
import dev.parley.didcomm.did.LocalIdentity;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Real did:key and did:peer:2 identities made with did-core, from a seeded generator. */
public final class TestIdentities {

    /** Kinds of identity the tests cover. */
    public enum Kind {
        DID_KEY_ED25519, DID_KEY_P256, DID_PEER_2,
        /** did:peer:2 with two X25519 keyAgreement keys (two devices): one JWE, two recipients. */
        DID_PEER_2_TWO_DEVICES
    }

    public static final DidResolver RESOLVER = new CachingDidResolver(DidCoreResolver.withInstalledMethods(),
            Clock.systemUTC(), 1024, Duration.ofHours(1));

    private TestIdentities() {
    }

    /** A deterministic generator for test keys (never for production). */
    public static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static LocalIdentity create(Kind kind, SecureRandom random) {
        return create(kind, random, List.of());
    }

    /** An identity; for did:peer:2 with a DIDCommMessaging service listing {@code routingKeys}. */
    public static LocalIdentity create(Kind kind, SecureRandom random, List<String> routingKeys) {
        try {
            return KeystoreIdentities.toLocalIdentity(identity(kind, random, routingKeys), RESOLVER);
        } catch (DidException | DidResolutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A did-core keystore identity (not stored anywhere). */
    public static Identity identity(Kind kind, SecureRandom random, List<String> routingKeys) throws DidException {
        switch (kind) {
            case DID_KEY_ED25519, DID_KEY_P256 -> {
                KeyType type = kind == Kind.DID_KEY_ED25519 ? KeyType.ED25519 : KeyType.P256;
                PrivateKey k = PrivateKey.generate(type, random);
                Did did = DidKeyMethod.create(k.publicKey());
                return new Identity("t", did, type, Instant.EPOCH,
                        List.of(new StoredKey("#" + k.publicKey().toMultibase(), k)));
            }
            case DID_PEER_2, DID_PEER_2_TWO_DEVICES -> {
                PrivateKey v = PrivateKey.generate(KeyType.ED25519, random);
                PrivateKey e = PrivateKey.generate(KeyType.X25519, random);
                List<Service> services = List.of(new DidCommMessagingService("#service", "https://mediator.example/didcomm",
                        List.of("didcomm/v2"), routingKeys));
                if (kind == Kind.DID_PEER_2) {
                    Did did = DidPeer.numalgo2(List.of(PeerKey.verification(v.publicKey()),
                            PeerKey.encryption(e.publicKey())), services);
                    return new Identity("t", did, KeyType.ED25519, Instant.EPOCH,
                            List.of(new StoredKey("#key-1", v), new StoredKey("#key-2", e)));
                }
                PrivateKey e2 = PrivateKey.generate(KeyType.X25519, random);
                Did did = DidPeer.numalgo2(List.of(PeerKey.verification(v.publicKey()),
                        PeerKey.encryption(e.publicKey()), PeerKey.encryption(e2.publicKey())), services);
                return new Identity("t", did, KeyType.ED25519, Instant.EPOCH, List.of(new StoredKey("#key-1", v),
                        new StoredKey("#key-2", e), new StoredKey("#key-3", e2)));
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
    }
}
