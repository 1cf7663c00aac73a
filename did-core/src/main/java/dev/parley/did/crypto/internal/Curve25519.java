package dev.parley.did.crypto.internal;

import dev.parley.did.InvalidPointException;
import dev.parley.did.WeakKeyException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Set;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * Curve25519 helpers: the birational map from Ed25519 to X25519 (RFC 7748 section 4.1, used by
 * did:key to derive the key agreement key) and rejection of small-order X25519 points.
 */
public final class Curve25519 {

  private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

  /** u-coordinates of points of order 1, 2, 4 and 8 (the list libsodium blocks), reduced mod p. */
  private static final Set<BigInteger> SMALL_ORDER_U = Set.of(
      BigInteger.ZERO,
      BigInteger.ONE,
      P.subtract(BigInteger.ONE),
      new BigInteger(
          "325606250916557431795983626356110631294008115727848805560023387167927233504"),
      new BigInteger(
          "39382357235489614581723060781553021112529911719440698176882885853963445705823"));

  private Curve25519() {}

  /** Rejects non-canonical (high bit set) and small-order X25519 public keys. */
  public static void checkX25519PublicKey(byte[] u) throws InvalidPointException, WeakKeyException {
    if ((u[31] & 0x80) != 0) {
      throw new InvalidPointException(
          "X25519 public key has its top bit set; RFC 7748 encodings are below 2^255");
    }
    BigInteger value = littleEndian(u).mod(P);
    if (SMALL_ORDER_U.contains(value)) {
      throw new WeakKeyException(
          "X25519 public key is a small-order point; it would make the shared secret guessable");
    }
  }

  /** Maps an Ed25519 public key to its X25519 u-coordinate: u = (1 + y) / (1 - y) mod p. */
  public static byte[] edwardsToMontgomery(byte[] edPublicKey) throws WeakKeyException {
    byte[] yBytes = edPublicKey.clone();
    yBytes[31] &= 0x7F;
    BigInteger y = littleEndian(yBytes);
    BigInteger denominator = BigInteger.ONE.subtract(y).mod(P);
    if (denominator.signum() == 0) {
      throw new WeakKeyException("Ed25519 public key is the identity point; it has no X25519 form");
    }
    BigInteger u = BigInteger.ONE.add(y).multiply(denominator.modInverse(P)).mod(P);
    return toLittleEndian(u);
  }

  /** X25519 private scalar for an Ed25519 seed: the clamped first half of SHA-512(seed). */
  public static byte[] edwardsSeedToMontgomery(byte[] seed) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-512").digest(seed);
      byte[] scalar = Arrays.copyOf(h, 32);
      Arrays.fill(h, (byte) 0);
      X25519.clampPrivateKey(scalar);
      return scalar;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-512", e);
    }
  }

  private static BigInteger littleEndian(byte[] bytes) {
    byte[] be = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      be[i] = bytes[bytes.length - 1 - i];
    }
    return new BigInteger(1, be);
  }

  private static byte[] toLittleEndian(BigInteger value) {
    byte[] be = EcCurves.fixedLength(value, 32);
    byte[] le = new byte[32];
    for (int i = 0; i < 32; i++) {
      le[i] = be[31 - i];
    }
    return le;
  }
}
