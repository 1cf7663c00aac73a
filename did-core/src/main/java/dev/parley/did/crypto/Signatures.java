package dev.parley.did.crypto;

import dev.parley.did.UnsupportedKeyTypeException;
import dev.parley.did.crypto.internal.EcCurves;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Factory for {@link Signer}s and {@link Verifier}s.
 *
 * <p>Primitives were chosen by measurement on the project machine (see
 * {@code docs/benchmarks/did-core.md}): Ed25519 uses Bouncy Castle's RFC 8032 code with the public
 * key passed in and the verifier's point decoded once (it beat both Tink and the JDK at signing
 * and verifying); ECDSA uses Bouncy Castle with RFC 6979 deterministic nonces, so signing needs
 * no randomness and is reproducible in tests (the JDK signed P-256 faster but verified slower
 * and needs a random nonce). Hashes: SHA-256 for P-256 and
 * secp256k1 (ES256, ES256K), SHA-384 for P-384, SHA-512 for P-521, as JOSE (RFC 7518) pairs them.
 */
public final class Signatures {

  private Signatures() {}

  /** A signer for an Ed25519 or P-256 private key. */
  public static Signer signer(PrivateKey key) throws UnsupportedKeyTypeException {
    return switch (key.type()) {
      case ED25519 -> new Ed25519Signer(key);
      case P256 -> new EcdsaSigner(key);
      default -> throw new UnsupportedKeyTypeException(
          key.type().jwkCrv() + " keys cannot sign; use an Ed25519 or P-256 key");
    };
  }

  /** A verifier for an Ed25519, P-256, P-384, P-521 or secp256k1 public key. */
  public static Verifier verifier(PublicKey key) throws UnsupportedKeyTypeException {
    if (!key.type().isSigning()) {
      throw new UnsupportedKeyTypeException(key.type().jwkCrv()
          + " keys are for key agreement and verify no signatures");
    }
    return key.type() == KeyType.ED25519 ? new Ed25519Verifier(key) : new EcdsaVerifier(key);
  }

  private static Digest digestFor(KeyType type) {
    return switch (type) {
      case P384 -> new SHA384Digest();
      case P521 -> new SHA512Digest();
      default -> new SHA256Digest();
    };
  }

  private static byte[] hash(KeyType type, byte[] message) {
    Digest d = digestFor(type);
    d.update(message, 0, message.length);
    byte[] out = new byte[d.getDigestSize()];
    d.doFinal(out, 0);
    return out;
  }

  private record Ed25519Signer(PrivateKey key, byte[] publicKeyBytes) implements Signer {
    Ed25519Signer(PrivateKey key) {
      this(key, key.publicKey().rawBytes());
    }

    @Override
    public KeyType keyType() {
      return KeyType.ED25519;
    }

    @Override
    public PublicKey publicKey() {
      return key.publicKey();
    }

    @Override
    public byte[] sign(byte[] message) {
      byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
      Ed25519.sign(key.live(), 0, publicKeyBytes, 0, message, 0, message.length, sig, 0);
      return sig;
    }

    @Override
    public String toString() {
      return "Ed25519Signer[" + key.publicKey().toMultibase() + "]";
    }
  }

  /** Decodes the public point once, so each verification skips point decompression. */
  private record Ed25519Verifier(PublicKey publicKey, Ed25519.PublicPoint point) implements Verifier {
    Ed25519Verifier(PublicKey key) {
      this(key, Ed25519.validatePublicKeyPartialExport(key.rawBytes(), 0));
    }

    @Override
    public boolean verify(byte[] message, byte[] signature) {
      return signature.length == Ed25519.SIGNATURE_SIZE
          && Ed25519.verify(signature, 0, point, message, 0, message.length);
    }
  }

  private record EcdsaSigner(PrivateKey key, EcCurves curve, ECPrivateKeyParameters params)
      implements Signer {
    EcdsaSigner(PrivateKey key) {
      this(key, PublicKey.curve(key.type()));
    }

    private EcdsaSigner(PrivateKey key, EcCurves curve) {
      this(key, curve, new ECPrivateKeyParameters(new BigInteger(1, key.live()), curve.domain()));
    }

    @Override
    public KeyType keyType() {
      return key.type();
    }

    @Override
    public PublicKey publicKey() {
      return key.publicKey();
    }

    @Override
    public byte[] sign(byte[] message) {
      key.live();
      ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(digestFor(key.type())));
      signer.init(true, params);
      BigInteger[] rs = signer.generateSignature(hash(key.type(), message));
      int n = curve.fieldLength();
      byte[] out = new byte[2 * n];
      System.arraycopy(EcCurves.fixedLength(rs[0], n), 0, out, 0, n);
      System.arraycopy(EcCurves.fixedLength(rs[1], n), 0, out, n, n);
      return out;
    }

    @Override
    public String toString() {
      return "EcdsaSigner[" + key.publicKey().toMultibase() + "]";
    }
  }

  private record EcdsaVerifier(PublicKey publicKey, EcCurves curve, ECPublicKeyParameters params)
      implements Verifier {
    EcdsaVerifier(PublicKey key) {
      this(key, PublicKey.curve(key.type()));
    }

    private EcdsaVerifier(PublicKey key, EcCurves curve) {
      this(key, curve, new ECPublicKeyParameters(key.decodeTrusted(), curve.domain()));
    }

    @Override
    public boolean verify(byte[] message, byte[] signature) {
      int n = curve.fieldLength();
      if (signature.length != 2 * n) {
        return false;
      }
      BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, n));
      BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, n, 2 * n));
      BigInteger order = curve.order();
      if (r.signum() == 0 || s.signum() == 0 || r.compareTo(order) >= 0 || s.compareTo(order) >= 0) {
        return false;
      }
      ECDSASigner verifier = new ECDSASigner();
      verifier.init(false, params);
      return verifier.verifySignature(hash(publicKey.type(), message), r, s);
    }
  }
}
