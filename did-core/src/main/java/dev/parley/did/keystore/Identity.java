package dev.parley.did.keystore;

import dev.parley.did.Did;
import dev.parley.did.crypto.KeyType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A named identity with its private keys (for did:peer:2 the Ed25519 {@code V} key and the
 * X25519 {@code E} key). Immutable; printing it never prints key material.
 */
public record Identity(String name, Did did, KeyType keyType, Instant created,
    List<StoredKey> keys) {

  public Identity {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(did, "did");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(created, "created");
    keys = List.copyOf(keys);
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("an identity needs at least one private key");
    }
  }

  /** The DID method, e.g. {@code key} or {@code peer}. */
  public String method() {
    return did.method();
  }

  /** The key stored for method id {@code id} (relative, e.g. {@code #key-2}). */
  public StoredKey key(String id) {
    return keys.stream().filter(k -> k.id().equals(id)).findFirst()
        .orElseThrow(() -> new NoSuchElementException("identity " + name + " has no key " + id));
  }

  /** The public keys as JWKs, with their method ids. */
  public List<PublicKeyEntry> publicJwks() {
    List<PublicKeyEntry> out = new ArrayList<>();
    for (StoredKey k : keys) {
      out.add(new PublicKeyEntry(k.id(), k.key().publicKey().toJwk()));
    }
    return List.copyOf(out);
  }

  /** The private JWKs (explicit export of secrets; the caller must protect them). */
  public List<PrivateJwkExport> exportPrivateJwks() {
    List<PrivateJwkExport> out = new ArrayList<>();
    for (StoredKey k : keys) {
      out.add(new PrivateJwkExport(k.id(), k.key().exportJwk()));
    }
    return List.copyOf(out);
  }

  /** A private JWK with its method id; printing it redacts {@code d}. */
  public record PrivateJwkExport(String id, dev.parley.did.crypto.Jwk jwk) {}

  public IdentitySummary summary() {
    return new IdentitySummary(name, did, keyType, created, publicJwks());
  }
}
