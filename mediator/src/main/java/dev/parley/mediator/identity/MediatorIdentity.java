package dev.parley.mediator.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.did.DidCommMessagingService;
import dev.parley.did.DidException;
import dev.parley.did.Service;
import dev.parley.did.crypto.Jwk;
import dev.parley.did.crypto.KeyType;
import dev.parley.did.crypto.PrivateKey;
import dev.parley.did.keystore.Identity;
import dev.parley.did.keystore.StoredKey;
import dev.parley.did.peer.DidPeer;
import dev.parley.did.peer.PeerKey;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The mediator's identity: an Ed25519 signing key and an X25519 key-agreement key, created on first start
 * and kept in {@code identity.json} in the data directory with permissions 0600 (owner read/write only;
 * not encrypted, because a service restarts unattended without a passphrase). The DID is a did:peer:2 made
 * from these keys and two DIDCommMessaging services, the HTTP and the WebSocket URL, so it changes when the
 * public URL changes while the keys stay. Immutable.
 */
public final class MediatorIdentity {

    static final String FILE_NAME = "identity.json";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Identity identity;

    private MediatorIdentity(Identity identity) {
        this.identity = identity;
    }

    /**
     * Loads the keys from {@code dataDir}, or creates and saves them on first start, and makes the DID for
     * the given URLs.
     */
    public static MediatorIdentity loadOrCreate(Path dataDir, URI httpUrl, URI wsUrl, SecureRandom random,
            Clock clock) throws IdentityException {
        Path file = dataDir.resolve(FILE_NAME);
        List<StoredKey> keys;
        Instant created;
        try {
            if (Files.exists(file)) {
                JsonNode root = JSON.readTree(Files.readAllBytes(file));
                created = Instant.parse(root.path("created").asText());
                keys = new ArrayList<>();
                for (JsonNode k : root.path("keys")) {
                    keys.add(new StoredKey(k.path("id").asText(), PrivateKey.fromJwk(Jwk.fromJson(k.path("jwk")))));
                }
                if (keys.size() != 2 || keys.get(0).key().type() != KeyType.ED25519
                        || keys.get(1).key().type() != KeyType.X25519) {
                    throw new IdentityException(file + " must hold an Ed25519 and an X25519 key; restore it from "
                            + "a backup or move it away to create a new identity");
                }
            } else {
                created = clock.instant();
                keys = List.of(new StoredKey("#key-1", PrivateKey.generate(KeyType.ED25519, random)),
                        new StoredKey("#key-2", PrivateKey.generate(KeyType.X25519, random)));
                save(file, created, keys);
            }
            List<Service> services = List.of(
                    new DidCommMessagingService("#didcomm-0", httpUrl.toString(), List.of("didcomm/v2"), List.of()),
                    new DidCommMessagingService("#didcomm-1", wsUrl.toString(), List.of("didcomm/v2"), List.of()));
            var did = DidPeer.numalgo2(List.of(PeerKey.verification(keys.get(0).key().publicKey()),
                    PeerKey.encryption(keys.get(1).key().publicKey())), services);
            return new MediatorIdentity(new Identity("mediator", did, KeyType.ED25519, created, keys));
        } catch (IOException e) {
            throw new IdentityException("cannot read or write the mediator identity " + file + ": " + e.getMessage(), e);
        } catch (DidException | RuntimeException e) {
            throw new IdentityException("the mediator identity " + file + " is not valid: " + e.getMessage(), e);
        }
    }

    private static void save(Path file, Instant created, List<StoredKey> keys) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        root.put("created", created.toString());
        ArrayNode arr = root.putArray("keys");
        for (StoredKey k : keys) {
            ObjectNode o = arr.addObject();
            o.put("id", k.id());
            o.set("jwk", k.key().exportJwk().toJsonNode());
        }
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The mediator's DID (did:peer:2 with its services). */
    public String did() {
        return identity.did().toString();
    }

    /** The did-core identity with its private keys; never log it. */
    public Identity identity() {
        return identity;
    }

    @Override
    public String toString() {
        return "MediatorIdentity[" + did() + "]";
    }
}
