package dev.parley.did.crypto;

import dev.parley.did.DidException;
import dev.parley.did.InvalidEncodingException;
import dev.parley.did.InvalidJwkException;
import dev.parley.did.InvalidKeyLengthException;
import dev.parley.did.InvalidPointException;
import dev.parley.did.WeakKeyException;
import dev.parley.did.crypto.internal.Curve25519;
import dev.parley.did.crypto.internal.EcCurves;
import dev.parley.did.internal.Base58;
import dev.parley.did.internal.Base64Url;
import dev.parley.did.internal.Multicodec;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A validated public key: its type and raw bytes in multicodec form (32 bytes for Ed25519 and
 * X25519, a compressed SEC1 point for the EC curves).
 *
 * <p>Immutable and thread-safe. An instance can only exist for bytes that passed the length and
 * curve checks: EC points are on their curve, Ed25519 keys decode to a curve point, X25519 keys
 * are canonical and not of small order. Equality is by type and bytes.
 */
public final class PublicKey {

  private final KeyType type;
  private final byte[] raw;

  private PublicKey(KeyType type, byte[] raw) {
    this.type = type;
    this.raw = raw;
  }

  /** Validates {@code raw} (multicodec form) as a key of {@code type}. */
  public static PublicKey of(KeyType type, byte[] raw) throws DidException {
    if (raw.length != type.publicKeyLength()) {
      throw new InvalidKeyLengthException(type.jwkCrv() + " public key must be "
          + type.publicKeyLength() + " bytes" + (type.isWeierstrass() ? " (compressed point)" : "")
          + ", got " + raw.length);
    }
    byte[] copy = raw.clone();
    switch (type) {
      case ED25519 -> {
        if (!Ed25519.validatePublicKeyPartial(copy, 0)) {
          throw new InvalidPointException("Ed25519 public key does not decode to a curve point");
        }
      }
      case X25519 -> Curve25519.checkX25519PublicKey(copy);
      default -> {
        if (copy[0] != 0x02 && copy[0] != 0x03) {
          throw new InvalidPointException(type.jwkCrv()
              + " public key must be a compressed point starting with 0x02 or 0x03, got 0x"
              + Integer.toHexString(copy[0] & 0xFF));
        }
        curve(type).decode(copy);
      }
    }
    return new PublicKey(type, copy);
  }

  /** Parses a multibase ({@code z}, base58btc) multicodec public key as used by did:key. */
  public static PublicKey fromMultibase(String multibase) throws DidException {
    if (multibase.isEmpty() || multibase.charAt(0) != 'z') {
      throw new InvalidEncodingException("multibase key \"" + abbreviate(multibase)
          + "\" must start with 'z' (base58btc)");
    }
    Multicodec.Prefixed prefixed = Multicodec.split(Base58.decode(multibase.substring(1)));
    return of(KeyType.fromMulticodec(prefixed.code()), prefixed.payload());
  }

  /** Builds a key from a public (or private: {@code d} is ignored) OKP or EC JWK. */
  public static PublicKey fromJwk(Jwk jwk) throws DidException {
    KeyType type = KeyType.fromJwk(jwk.kty(), jwk.crv());
    byte[] x = Base64Url.decode(jwk.x(), "JWK member x");
    if (!type.isWeierstrass()) {
      if (jwk.y() != null) {
        throw new InvalidJwkException("OKP JWK for " + type.jwkCrv() + " must not have a y member");
      }
      return of(type, x);
    }
    if (jwk.y() == null) {
      throw new InvalidJwkException("EC JWK for " + type.jwkCrv() + " is missing the y member");
    }
    byte[] y = Base64Url.decode(jwk.y(), "JWK member y");
    EcCurves curve = curve(type);
    if (x.length != curve.fieldLength() || y.length != curve.fieldLength()) {
      throw new InvalidKeyLengthException("EC JWK coordinates for " + type.jwkCrv() + " must be "
          + curve.fieldLength() + " bytes each, got x=" + x.length + " y=" + y.length);
    }
    ECPoint point = curve.fromAffine(x, y);
    return new PublicKey(type, point.getEncoded(true));
  }

  public KeyType type() {
    return type;
  }

  /** The raw bytes in multicodec form (a copy). */
  public byte[] rawBytes() {
    return raw.clone();
  }

  /** {@code z} + base58btc(multicodec prefix + raw bytes), the did:key form of this key. */
  public String toMultibase() {
    return "z" + Base58.encode(Multicodec.prefix(type.multicodec(), raw));
  }

  /** The base58btc encoding of the raw bytes, as {@code publicKeyBase58} in older documents. */
  public String toBase58() {
    return Base58.encode(raw);
  }

  /** The public JWK (RFC 8037 OKP or RFC 7518 EC with both coordinates). */
  public Jwk toJwk() {
    if (!type.isWeierstrass()) {
      return new Jwk(type.jwkKty(), type.jwkCrv(), Base64Url.encode(raw), null, null);
    }
    EcCurves curve = curve(type);
    ECPoint p = decodeTrusted();
    return new Jwk(type.jwkKty(), type.jwkCrv(),
        Base64Url.encode(EcCurves.fixedLength(p.getAffineXCoord().toBigInteger(), curve.fieldLength())),
        Base64Url.encode(EcCurves.fixedLength(p.getAffineYCoord().toBigInteger(), curve.fieldLength())),
        null);
  }

  /** The uncompressed SEC1 encoding (0x04 || x || y) of an EC key. */
  public byte[] uncompressedPoint() {
    if (!type.isWeierstrass()) {
      throw new IllegalStateException(type + " keys have no SEC1 point encoding");
    }
    return decodeTrusted().getEncoded(false);
  }

  /**
   * The X25519 key agreement key derived from this Ed25519 key, as did:key's "Derive Encryption
   * Key Algorithm" prescribes.
   */
  public PublicKey deriveX25519() throws DidException {
    if (type != KeyType.ED25519) {
      throw new dev.parley.did.UnsupportedKeyTypeException(
          "only Ed25519 keys have a derived X25519 key; this is a " + type.jwkCrv() + " key");
    }
    byte[] u = Curve25519.edwardsToMontgomery(raw);
    try {
      return of(KeyType.X25519, u);
    } catch (WeakKeyException e) {
      throw new WeakKeyException("Ed25519 key maps to a small-order X25519 point", e);
    }
  }

  ECPoint decodeTrusted() {
    try {
      return curve(type).decode(raw);
    } catch (InvalidPointException e) {
      throw new IllegalStateException("validated point failed to decode", e);
    }
  }

  static EcCurves curve(KeyType type) {
    return EcCurves.byJwkName(type.jwkCrv());
  }

  private static String abbreviate(String s) {
    return s.length() <= 24 ? s : s.substring(0, 24) + "...";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicKey other && other.type == type && Arrays.equals(other.raw, raw);
  }

  @Override
  public int hashCode() {
    return 31 * type.hashCode() + Arrays.hashCode(raw);
  }

  @Override
  public String toString() {
    return "PublicKey[" + type + ", " + toMultibase() + "]";
  }
}
