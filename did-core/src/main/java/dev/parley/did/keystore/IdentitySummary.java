package dev.parley.did.keystore;

import dev.parley.did.Did;
import dev.parley.did.crypto.KeyType;
import java.time.Instant;
import java.util.List;

/**
 * What the keystore reveals about an identity without the passphrase: name, DID, primary key
 * type, creation time and public keys. Immutable.
 */
public record IdentitySummary(String name, Did did, KeyType keyType, Instant created,
    List<PublicKeyEntry> publicKeys) {

  public IdentitySummary {
    publicKeys = List.copyOf(publicKeys);
  }

  /** The DID method, e.g. {@code key} or {@code peer}. */
  public String method() {
    return did.method();
  }
}
