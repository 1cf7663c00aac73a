package dev.parley.didcomm.envelope.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.crypto.impl.ECDH;
import com.nimbusds.jose.crypto.utils.ECChecks;
import com.nimbusds.jose.util.Base64URL;
import dev.parley.didcomm.envelope.InvalidPublicKeyException;
import dev.parley.didcomm.envelope.UnsupportedAlgorithmException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * Key agreement on the curves DIDComm allows, with the public-key validation the spec demands
 * (point on curve for NIST curves, small-order rejection for X25519). Thread-safe; its only state is the
 * bounded cache of {@link #agreeStatic} results.
 *
 * <p>X25519 runs on Bouncy Castle's RFC 7748 implementation, the one did-core uses: it measured about four
 * times faster here than Tink's, which Nimbus would otherwise call, and every forward a mediator opens costs
 * one agreement. Its ephemeral keys come from the injected {@link SecureRandom}. A small-order public key
 * makes BC's agreement all zero, which is refused.
 */
public final class Ecdh {

    /** Curves allowed for key agreement. */
    public static final Set<Curve> CURVES = Set.of(Curve.X25519, Curve.P_256, Curve.P_384, Curve.P_521);

    private Ecdh() {
    }

    /** The curve of a key-agreement JWK, rejecting any other key type or curve. */
    public static Curve curveOf(JWK jwk) throws UnsupportedAlgorithmException {
        Curve c = switch (jwk) {
            case OctetKeyPair okp -> okp.getCurve();
            case ECKey ec -> ec.getCurve();
            default -> null;
        };
        if (c == null || !CURVES.contains(c)) {
            throw new UnsupportedAlgorithmException("key type " + jwk.getKeyType() + (c == null ? "" : "/" + c)
                    + " cannot be used for DIDComm key agreement; use X25519, P-256, P-384 or P-521");
        }
        return c;
    }

    /** A fresh ephemeral key pair on {@code curve}. */
    public static JWK generate(Curve curve, SecureRandom random) throws JOSEException {
        if (Curve.X25519.equals(curve)) {
            byte[] d = new byte[X25519.SCALAR_SIZE];
            byte[] x = new byte[X25519.POINT_SIZE];
            X25519.generatePrivateKey(random, d);
            X25519.generatePublicKey(d, 0, x, 0);
            try {
                return new OctetKeyPair.Builder(Curve.X25519, Base64URL.encode(x)).d(Base64URL.encode(d)).build();
            } finally {
                Arrays.fill(d, (byte) 0);
            }
        }
        return new ECKeyGenerator(curve).secureRandom(random).generate();
    }

    /**
     * The static-static agreement of ECDH-1PU (its {@code Zs}): two long-term keys always give the same secret,
     * so X25519 results are kept, as NaCl's {@code crypto_box_beforenm} keeps them, in a bounded cache keyed by
     * SHA-256 of the private scalar and the peer's public key (the key reveals neither secret). A mediator then
     * pays one X25519 instead of two to seal a delivery or open an acknowledgement from a known client, and a
     * recipient one instead of two per authcrypted message from a known sender. Other curves are not cached.
     *
     * @throws InvalidPublicKeyException as {@link #agree}; failures are never cached
     */
    public static SecretKey agreeStatic(JWK privateKey, JWK publicKey) throws InvalidPublicKeyException {
        if (!(privateKey instanceof OctetKeyPair priv && publicKey instanceof OctetKeyPair pub && priv.isPrivate())) {
            return agree(privateKey, publicKey);
        }
        String key = staticKey(priv.getD().decode(), pub.getX().decode());
        synchronized (STATIC_SECRETS) {
            byte[] cached = STATIC_SECRETS.get(key);
            if (cached != null) {
                return new SecretKeySpec(cached, "AES"); // copied while held: eviction zeroes the array
            }
        }
        SecretKey z = agree(privateKey, publicKey);
        synchronized (STATIC_SECRETS) {
            STATIC_SECRETS.put(key, z.getEncoded());
        }
        return z;
    }

    /** Most static-static secrets kept; the least recently used one leaves first. */
    static final int MAX_STATIC_SECRETS = 4_096;

    private static final Map<String, byte[]> STATIC_SECRETS = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            if (size() > MAX_STATIC_SECRETS) {
                Arrays.fill(eldest.getValue(), (byte) 0);
                return true;
            }
            return false;
        }
    };

    /** How many static-static secrets are cached now (for tests of the bound). */
    static int cachedStaticSecrets() {
        synchronized (STATIC_SECRETS) {
            return STATIC_SECRETS.size();
        }
    }

    private static String staticKey(byte[] d, byte[] peer) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(d);
            sha.update(peer);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        } finally {
            Arrays.fill(d, (byte) 0);
        }
    }

    /**
     * Raw ECDH shared secret Z between a private and a public key of the same curve.
     *
     * @throws InvalidPublicKeyException when the public key is off-curve, small-order or yields Z = 0
     */
    public static SecretKey agree(JWK privateKey, JWK publicKey) throws InvalidPublicKeyException {
        try {
            SecretKey z;
            if (privateKey instanceof OctetKeyPair priv && publicKey instanceof OctetKeyPair pub) {
                if (!Curve.X25519.equals(priv.getCurve()) || !Curve.X25519.equals(pub.getCurve())) {
                    throw new InvalidPublicKeyException("X25519 key agreement needs two X25519 keys");
                }
                z = x25519(priv, pub);
            } else if (privateKey instanceof ECKey priv && publicKey instanceof ECKey pub) {
                if (!priv.getCurve().equals(pub.getCurve())) {
                    throw new InvalidPublicKeyException("key agreement needs keys on one curve, got "
                            + priv.getCurve() + " and " + pub.getCurve());
                }
                var pubKey = pub.toECPublicKey();
                if (!ECChecks.isPointOnCurve(pubKey, priv.getCurve().toECParameterSpec())) {
                    throw new InvalidPublicKeyException("EC public key is not on curve " + pub.getCurve());
                }
                z = ECDH.deriveSharedSecret(pubKey, priv.toECPrivateKey(), null);
            } else {
                throw new InvalidPublicKeyException("key agreement needs two keys of one type, got "
                        + privateKey.getKeyType() + " and " + publicKey.getKeyType());
            }
            byte[] zb = z.getEncoded();
            int acc = 0;
            for (byte b : zb) {
                acc |= b;
            }
            if (acc == 0) {
                throw new InvalidPublicKeyException("key agreement produced an all-zero secret (small-order public key)");
            }
            return z;
        } catch (JOSEException e) {
            throw new InvalidPublicKeyException("key agreement rejected the public key: " + e.getMessage(), e);
        }
    }

    private static SecretKey x25519(OctetKeyPair priv, OctetKeyPair pub) throws InvalidPublicKeyException {
        byte[] u = pub.getDecodedX();
        if (u.length != X25519.POINT_SIZE) {
            throw new InvalidPublicKeyException("X25519 public key must be 32 bytes, got " + u.length);
        }
        if (!priv.isPrivate()) {
            throw new InvalidPublicKeyException("X25519 key agreement needs a private key (\"d\") on our side");
        }
        byte[] d = priv.getDecodedD();
        byte[] z = new byte[X25519.POINT_SIZE];
        try {
            if (d.length != X25519.SCALAR_SIZE) {
                throw new InvalidPublicKeyException("X25519 private key must be 32 bytes, got " + d.length);
            }
            if (!X25519.calculateAgreement(d, 0, u, 0, z, 0)) {
                throw new InvalidPublicKeyException(
                        "key agreement produced an all-zero secret (small-order public key)");
            }
            return new SecretKeySpec(z, "AES");
        } finally {
            Arrays.fill(d, (byte) 0);
            Arrays.fill(z, (byte) 0);
        }
    }
}
