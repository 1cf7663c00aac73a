package dev.parley.did.keystore;

import dev.parley.did.crypto.PrivateKey;
import java.util.Objects;

/**
 * A private key of an identity with the verification method id it signs or decrypts for
 * (relative, e.g. {@code #key-1} for did:peer:2 or {@code #z6Mk...} for did:key). Immutable;
 * the private key redacts itself when printed.
 */
public record StoredKey(String id, PrivateKey key) {

  public StoredKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(key, "key");
    if (!id.startsWith("#")) {
      throw new IllegalArgumentException("key id must be a relative reference like #key-1: " + id);
    }
  }
}
