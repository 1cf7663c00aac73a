package dev.parley.did.crypto;

import dev.parley.did.UnsupportedKeyTypeException;
import dev.parley.did.WeakKeyException;
import dev.parley.did.crypto.internal.EcCurves;
import java.math.BigInteger;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * Raw Diffie-Hellman: X25519 (RFC 7748, Bouncy Castle: at least as fast as the JDK and Tink measured
 * here) and P-256 ECDH (the x-coordinate of d*Q). The output is the raw shared secret; callers
 * must feed it to a KDF (for example JOSE ECDH-ES Concat KDF). Stateless and thread-safe.
 */
public final class KeyAgreement {

  private KeyAgreement() {}

  /**
   * Computes the shared secret of {@code own} and {@code peer}, which must be of the same type.
   *
   * @throws WeakKeyException if the X25519 result is all zero (a small-order peer key)
   * @throws UnsupportedKeyTypeException for types without key agreement or mismatched types
   */
  public static SharedSecret agree(PrivateKey own, PublicKey peer)
      throws WeakKeyException, UnsupportedKeyTypeException {
    if (own.type() != peer.type()) {
      throw new UnsupportedKeyTypeException("cannot agree between a " + own.type().jwkCrv()
          + " private key and a " + peer.type().jwkCrv() + " public key; the curves must match");
    }
    return switch (own.type()) {
      case X25519 -> x25519(own, peer);
      case P256 -> ecdh(own, peer);
      default -> throw new UnsupportedKeyTypeException(own.type().jwkCrv()
          + " keys do not do key agreement in Parley; use X25519 or P-256");
    };
  }

  private static SharedSecret x25519(PrivateKey own, PublicKey peer) throws WeakKeyException {
    byte[] out = new byte[X25519.POINT_SIZE];
    if (!X25519.calculateAgreement(own.live(), 0, peer.rawBytes(), 0, out, 0)) {
      throw new WeakKeyException(
          "X25519 shared secret is all zero: the peer key " + peer.toMultibase()
              + " is of small order");
    }
    return new SharedSecret(out);
  }

  private static SharedSecret ecdh(PrivateKey own, PublicKey peer) throws WeakKeyException {
    EcCurves curve = PublicKey.curve(own.type());
    ECPoint shared = peer.decodeTrusted().multiply(new BigInteger(1, own.live())).normalize();
    if (shared.isInfinity()) {
      throw new WeakKeyException("P-256 shared point is the point at infinity");
    }
    return new SharedSecret(
        EcCurves.fixedLength(shared.getAffineXCoord().toBigInteger(), curve.fieldLength()));
  }
}
