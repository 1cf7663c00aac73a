package dev.parley.did.peer;

import dev.parley.did.crypto.PublicKey;
import java.util.Objects;

/** A key of a did:peer:2 with the purpose it is encoded under. Immutable. */
public record PeerKey(Purpose purpose, PublicKey key) {

  public PeerKey {
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(key, "key");
  }

  public static PeerKey verification(PublicKey key) {
    return new PeerKey(Purpose.VERIFICATION, key);
  }

  public static PeerKey encryption(PublicKey key) {
    return new PeerKey(Purpose.ENCRYPTION, key);
  }
}
