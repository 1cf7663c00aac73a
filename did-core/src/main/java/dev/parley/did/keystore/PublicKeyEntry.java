package dev.parley.did.keystore;

import dev.parley.did.crypto.Jwk;
import java.util.Objects;

/** A public key of an identity as stored in the clear: its method id and public JWK. */
public record PublicKeyEntry(String id, Jwk jwk) {

  public PublicKeyEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(jwk, "jwk");
    if (jwk.isPrivate()) {
      throw new IllegalArgumentException("a public key entry must not carry \"d\"");
    }
  }
}
