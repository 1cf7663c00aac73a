package dev.parley.did.crypto.internal;

import dev.parley.did.InvalidPointException;
import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;

/** The short-Weierstrass curves, by JWK curve name, using Bouncy Castle's custom (fast) curves. */
public enum EcCurves {
  P256("P-256", "secp256r1", 32),
  P384("P-384", "secp384r1", 48),
  P521("P-521", "secp521r1", 66),
  SECP256K1("secp256k1", "secp256k1", 32);

  private final String jwkName;
  private final X9ECParameters params;
  private final ECDomainParameters domain;
  private final int fieldLength;

  EcCurves(String jwkName, String secName, int fieldLength) {
    this.jwkName = jwkName;
    this.params = CustomNamedCurves.getByName(secName);
    this.domain = new ECDomainParameters(params);
    this.fieldLength = fieldLength;
  }

  public static EcCurves byJwkName(String name) {
    for (EcCurves c : values()) {
      if (c.jwkName.equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException("not a Weierstrass curve: " + name);
  }

  public ECDomainParameters domain() {
    return domain;
  }

  public BigInteger order() {
    return params.getN();
  }

  /** Byte length of a field element (and of a JWK coordinate). */
  public int fieldLength() {
    return fieldLength;
  }

  /** Decodes a SEC1 point (compressed or uncompressed), rejecting points not on the curve. */
  public ECPoint decode(byte[] encoded) throws InvalidPointException {
    ECPoint p;
    try {
      p = params.getCurve().decodePoint(encoded);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new InvalidPointException(
          "public key is not a point on " + jwkName + ": " + e.getMessage(), e);
    }
    if (p.isInfinity() || !p.isValid()) {
      throw new InvalidPointException("public key is not a valid point on " + jwkName
          + " (point at infinity or outside the prime-order group)");
    }
    return p.normalize();
  }

  /** Builds a point from affine coordinates, rejecting points not on the curve. */
  public ECPoint fromAffine(byte[] x, byte[] y) throws InvalidPointException {
    byte[] uncompressed = new byte[1 + 2 * fieldLength];
    uncompressed[0] = 0x04;
    System.arraycopy(x, 0, uncompressed, 1, fieldLength);
    System.arraycopy(y, 0, uncompressed, 1 + fieldLength, fieldLength);
    return decode(uncompressed);
  }

  /** Big-endian, left-padded encoding of a non-negative integer in {@code length} bytes. */
  public static byte[] fixedLength(BigInteger value, int length) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[length];
    int copy = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
    return out;
  }
}
