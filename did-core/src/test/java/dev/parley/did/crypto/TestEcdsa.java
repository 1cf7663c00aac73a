package dev.parley.did.crypto;

import dev.parley.did.crypto.internal.EcCurves;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/** Independent ECDSA signing for the resolve-only curves, so their verification can be tested. */
final class TestEcdsa {

  record Pair(BigInteger d, PublicKey publicKey, EcCurves curve, KeyType type) {}

  static Pair generate(KeyType type, SecureRandom random) throws Exception {
    EcCurves curve = EcCurves.byJwkName(type.jwkCrv());
    BigInteger d = new BigInteger(curve.order().bitLength() - 1, random).add(BigInteger.ONE);
    byte[] pub = curve.domain().getG().multiply(d).normalize().getEncoded(true);
    return new Pair(d, PublicKey.of(type, pub), curve, type);
  }

  static byte[] sign(Pair pair, byte[] message) {
    Digest digest = switch (pair.type()) {
      case P384 -> new SHA384Digest();
      case P521 -> new SHA512Digest();
      default -> new SHA256Digest();
    };
    byte[] h = new byte[digest.getDigestSize()];
    digest.update(message, 0, message.length);
    digest.doFinal(h, 0);
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(
        pair.type() == KeyType.P384 ? new SHA384Digest()
            : pair.type() == KeyType.P521 ? new SHA512Digest() : new SHA256Digest()));
    signer.init(true, new ECPrivateKeyParameters(pair.d(), pair.curve().domain()));
    BigInteger[] rs = signer.generateSignature(h);
    int n = pair.curve().fieldLength();
    byte[] out = new byte[2 * n];
    System.arraycopy(EcCurves.fixedLength(rs[0], n), 0, out, 0, n);
    System.arraycopy(EcCurves.fixedLength(rs[1], n), 0, out, n, n);
    return out;
  }

  private TestEcdsa() {}
}
