package dev.parley.did.keystore;

import dev.parley.did.Did;
import dev.parley.did.DidException;
import dev.parley.did.Service;
import dev.parley.did.crypto.Jwk;
import dev.parley.did.crypto.KeyType;
import dev.parley.did.crypto.PrivateKey;
import dev.parley.did.key.DidKeyMethod;
import dev.parley.did.peer.DidPeer;
import dev.parley.did.peer.PeerKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * Makes new {@link Identity} values (keys plus DID) ready to be stored. Randomness and time are
 * passed in. Names are validated here as in the keystore.
 */
public final class Identities {

  private Identities() {}

  /** A did:key identity with a fresh Ed25519 or P-256 key. */
  public static Identity newDidKey(String name, KeyType type, SecureRandom random, Clock clock)
      throws DidException, InvalidIdentityNameException {
    IdentityNames.check(name);
    return didKeyIdentity(name, PrivateKey.generate(type, random), clock);
  }

  /**
   * A did:peer:2 identity with a fresh Ed25519 {@code V} key ({@code #key-1}) and a separate
   * fresh X25519 {@code E} key ({@code #key-2}), advertising {@code services}.
   */
  public static Identity newDidPeer2(String name, List<Service> services, SecureRandom random,
      Clock clock) throws DidException, InvalidIdentityNameException {
    IdentityNames.check(name);
    PrivateKey signing = PrivateKey.generate(KeyType.ED25519, random);
    PrivateKey agreement = PrivateKey.generate(KeyType.X25519, random);
    Did did = DidPeer.numalgo2(List.of(PeerKey.verification(signing.publicKey()),
        PeerKey.encryption(agreement.publicKey())), services);
    return new Identity(name, did, KeyType.ED25519, clock.instant(),
        List.of(new StoredKey("#key-1", signing), new StoredKey("#key-2", agreement)));
  }

  /** A did:key identity for an existing private key given as a JWK (Ed25519, X25519 or P-256). */
  public static Identity fromPrivateJwk(String name, Jwk jwk, Clock clock)
      throws DidException, InvalidIdentityNameException {
    IdentityNames.check(name);
    return didKeyIdentity(name, PrivateKey.fromJwk(jwk), clock);
  }

  private static Identity didKeyIdentity(String name, PrivateKey key, Clock clock) {
    Did did = DidKeyMethod.create(key.publicKey());
    return new Identity(name, did, key.type(), clock.instant(),
        List.of(new StoredKey("#" + key.publicKey().toMultibase(), key)));
  }
}
