package dev.parley.mediator;

import dev.parley.did.Did;
import dev.parley.did.DidCommMessagingService;
import dev.parley.did.crypto.KeyType;
import dev.parley.did.crypto.PrivateKey;
import dev.parley.did.keystore.Identity;
import dev.parley.did.keystore.StoredKey;
import dev.parley.did.peer.DidPeer;
import dev.parley.did.peer.PeerKey;
import dev.parley.didcomm.did.CachingDidResolver;
import dev.parley.didcomm.did.DidCoreResolver;
import dev.parley.didcomm.did.DidResolver;
import dev.parley.didcomm.did.KeystoreIdentities;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.mediator.MediatorClient;
import dev.parley.didcomm.mediator.RetryPolicy;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Real did:peer:2 parties routed through a real mediator, for tests. */
public final class Parties {

    public static final DidResolver RESOLVER = new CachingDidResolver(DidCoreResolver.withInstalledMethods(),
            Clock.systemUTC(), 4096, Duration.ofHours(1));

    private Parties() {
    }

    /**
     * A did:peer:2 identity (Ed25519 + X25519) whose DIDCommMessaging service routes through the mediator:
     * {@code uri} is the mediator's URL, or its DID when {@code endpointIsDid}, and the routing key is the
     * mediator's key-agreement key.
     */
    public static LocalIdentity party(SecureRandom random, String mediatorUrl, String mediatorDid,
            boolean endpointIsDid) {
        try {
            PrivateKey v = PrivateKey.generate(KeyType.ED25519, random);
            PrivateKey e = PrivateKey.generate(KeyType.X25519, random);
            var service = new DidCommMessagingService("#didcomm-0", endpointIsDid ? mediatorDid : mediatorUrl,
                    List.of("didcomm/v2"), List.of(mediatorDid + "#key-2"));
            Did did = DidPeer.numalgo2(List.of(PeerKey.verification(v.publicKey()), PeerKey.encryption(e.publicKey())),
                    List.of(service));
            Identity id = new Identity("party", did, KeyType.ED25519, Instant.EPOCH,
                    List.of(new StoredKey("#key-1", v), new StoredKey("#key-2", e)));
            return KeystoreIdentities.toLocalIdentity(id, RESOLVER);
        } catch (Exception ex) {
            throw new IllegalStateException("test identity: " + ex.getMessage(), ex);
        }
    }

    /** A client with fast retries that never really waits. */
    public static MediatorClient client(Mediator m, LocalIdentity self) {
        return new MediatorClient(m.httpUrl(), m.did(), self, RESOLVER, Clock.systemUTC(), new SecureRandom(),
                new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(200)), Duration.ofSeconds(20), d -> { });
    }
}
