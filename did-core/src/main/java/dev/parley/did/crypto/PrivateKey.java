package dev.parley.did.crypto;

import dev.parley.did.DidException;
import dev.parley.did.InvalidJwkException;
import dev.parley.did.InvalidKeyLengthException;
import dev.parley.did.InvalidPointException;
import dev.parley.did.crypto.internal.Curve25519;
import dev.parley.did.crypto.internal.EcCurves;
import dev.parley.did.internal.Base64Url;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Private key material (Ed25519 seed, X25519 scalar or P-256 scalar) with its public key.
 *
 * <p>The secret never prints itself: {@link #toString()} shows only the type and public key.
 * It leaves this object only through the explicit {@link #exportSecretBytes()} and
 * {@link #exportJwk()}. {@link #destroy()} overwrites the secret; using the key afterwards is
 * an {@link IllegalStateException}. Thread-safe for concurrent use until destroyed.
 */
public final class PrivateKey {

  private final KeyType type;
  private final byte[] secret;
  private final PublicKey publicKey;
  private volatile boolean destroyed;

  private PrivateKey(KeyType type, byte[] secret, PublicKey publicKey) {
    this.type = type;
    this.secret = secret;
    this.publicKey = publicKey;
  }

  /** Generates a fresh key of a fully supported type (Ed25519, X25519 or P-256). */
  public static PrivateKey generate(KeyType type, SecureRandom random) throws DidException {
    type.requireFullySupported("generating a key");
    byte[] secret = new byte[type.privateKeyLength()];
    switch (type) {
      case ED25519 -> random.nextBytes(secret);
      case X25519 -> X25519.generatePrivateKey(random, secret);
      default -> {
        BigInteger n = PublicKey.curve(type).order();
        BigInteger d;
        do {
          random.nextBytes(secret);
          d = new BigInteger(1, secret);
        } while (d.signum() == 0 || d.compareTo(n) >= 0);
      }
    }
    return fromBytes(type, secret);
  }

  /**
   * Wraps raw private bytes: the 32-byte seed for Ed25519 (RFC 8032), the 32-byte scalar for
   * X25519 (RFC 7748) or the big-endian scalar for P-256, which must be in [1, n-1].
   */
  public static PrivateKey fromBytes(KeyType type, byte[] secret) throws DidException {
    type.requireFullySupported("holding a private key");
    if (secret.length != type.privateKeyLength()) {
      throw new InvalidKeyLengthException(type.jwkCrv() + " private key must be "
          + type.privateKeyLength() + " bytes, got " + secret.length);
    }
    byte[] copy = secret.clone();
    byte[] pub = new byte[type.publicKeyLength()];
    switch (type) {
      case ED25519 -> Ed25519.generatePublicKey(copy, 0, pub, 0);
      case X25519 -> X25519.generatePublicKey(copy, 0, pub, 0);
      default -> {
        EcCurves curve = PublicKey.curve(type);
        BigInteger d = new BigInteger(1, copy);
        if (d.signum() == 0 || d.compareTo(curve.order()) >= 0) {
          throw new InvalidPointException(type.jwkCrv() + " private scalar must be in [1, n-1]");
        }
        pub = curve.domain().getG().multiply(d).normalize().getEncoded(true);
      }
    }
    return new PrivateKey(type, copy, PublicKey.of(type, pub));
  }

  /**
   * Reads a private OKP or EC JWK; the public members must match the key derived from
   * {@code d}, so a JWK whose halves belong to different keys is rejected.
   */
  public static PrivateKey fromJwk(Jwk jwk) throws DidException {
    if (jwk.d() == null) {
      throw new InvalidJwkException("JWK has no \"d\" member; a private JWK is needed");
    }
    KeyType type = KeyType.fromJwk(jwk.kty(), jwk.crv());
    PrivateKey key = fromBytes(type, Base64Url.decode(jwk.d(), "JWK member d"));
    PublicKey declared = PublicKey.fromJwk(jwk);
    if (!declared.equals(key.publicKey)) {
      throw new InvalidJwkException("JWK public members do not match the key derived from \"d\"");
    }
    return key;
  }

  public KeyType type() {
    return type;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** A copy of the raw secret. The caller owns it and should overwrite it after use. */
  public byte[] exportSecretBytes() {
    return live().clone();
  }

  /** The private JWK (with {@code d}); an explicit export of the secret. */
  public Jwk exportJwk() {
    Jwk pub = publicKey.toJwk();
    return new Jwk(pub.kty(), pub.crv(), pub.x(), pub.y(), Base64Url.encode(live()));
  }

  /**
   * The X25519 key agreement key derived from this Ed25519 key (clamped first half of
   * SHA-512 of the seed), matching {@link PublicKey#deriveX25519()}.
   */
  public PrivateKey deriveX25519() throws DidException {
    if (type != KeyType.ED25519) {
      throw new dev.parley.did.UnsupportedKeyTypeException(
          "only Ed25519 keys have a derived X25519 key; this is a " + type.jwkCrv() + " key");
    }
    byte[] scalar = Curve25519.edwardsSeedToMontgomery(live());
    try {
      return fromBytes(KeyType.X25519, scalar);
    } finally {
      Arrays.fill(scalar, (byte) 0);
    }
  }

  /** Overwrites the secret. Later use throws {@link IllegalStateException}. */
  public void destroy() {
    destroyed = true;
    Arrays.fill(secret, (byte) 0);
  }

  public boolean isDestroyed() {
    return destroyed;
  }

  /** The secret itself (not a copy), for the primitives in this package. */
  byte[] live() {
    if (destroyed) {
      throw new IllegalStateException("private key " + publicKey.toMultibase() + " was destroyed");
    }
    return secret;
  }

  @Override
  public String toString() {
    return "PrivateKey[" + type + ", public=" + publicKey.toMultibase() + ", secret=<redacted>]";
  }
}
