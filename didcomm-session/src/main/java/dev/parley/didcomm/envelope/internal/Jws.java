package dev.parley.didcomm.envelope.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.bc.BouncyCastleProviderSingleton;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import dev.parley.didcomm.envelope.InvalidEnvelopeException;
import dev.parley.didcomm.envelope.InvalidPublicKeyException;
import dev.parley.didcomm.envelope.PackingException;
import dev.parley.didcomm.envelope.SignatureAlgorithm;
import dev.parley.didcomm.envelope.SignatureVerificationException;
import dev.parley.didcomm.envelope.UnsupportedAlgorithmException;
import dev.parley.didcomm.json.JsonLimitExceededException;
import dev.parley.didcomm.json.MalformedJsonException;
import dev.parley.didcomm.json.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;

/**
 * DIDComm JWS in General JSON serialization (written) and General or Flattened (read), with exactly one
 * signature. Algorithms are tied to key curves so a key can never be used with another algorithm.
 *
 * <p>Thread-safe: holds only an immutable {@link StrictJson}.
 */
public final class Jws {

    /** Media type in the {@code typ} header of a signed message. */
    public static final String MEDIA_TYPE = "application/didcomm-signed+json";

    private static final Set<String> PROTECTED_MEMBERS = Set.of("typ", "alg", "kid", "cty", "crv");

    private final StrictJson json;

    public Jws(StrictJson json) {
        this.json = Objects.requireNonNull(json, "json");
    }

    /** A parsed JWS whose structure and header passed validation; verify it with {@link #verify}. */
    public record Parsed(String protectedB64, String payloadB64, SignatureAlgorithm alg, String kid,
            byte[] signature) {

        /** The decoded payload. */
        public byte[] payload() throws InvalidEnvelopeException {
            return B64.decode(payloadB64, "JWS payload");
        }
    }

    /** Signs {@code payload} with {@code key} (named {@code kid}) and returns General JSON. */
    public ObjectNode sign(byte[] payload, String kid, JWK key, String typ) throws PackingException {
        String payloadB64 = B64.encode(payload);
        ObjectNode ph = json.nodes().objectNode();
        SignatureAlgorithm alg = algorithmFor(key).orElseThrow(() -> new PackingException(
                "key " + kid + " cannot sign; DIDComm signs with Ed25519, P-256 or secp256k1 keys"));
        ph.put("typ", typ);
        ph.put("alg", alg.wireName());
        String protectedB64 = B64.encode(json.write(ph));
        Base64URL sig;
        try {
            sig = signer(key).sign(new JWSHeader(JWSAlgorithm.parse(alg.wireName())),
                    (protectedB64 + "." + payloadB64).getBytes(StandardCharsets.US_ASCII));
        } catch (JOSEException e) {
            throw new PackingException("signing with " + kid + " failed: " + e.getMessage(), e);
        }
        ObjectNode out = json.nodes().objectNode();
        out.put("payload", payloadB64);
        ObjectNode s = out.putArray("signatures").addObject();
        s.put("protected", protectedB64);
        s.put("signature", sig.toString());
        s.putObject("header").put("kid", kid);
        return out;
    }

    /** Signs {@code payload} as a compact JWS with {@code typ} and {@code kid} protected (used for JWTs). */
    public String signCompact(byte[] payload, String kid, JWK key, String typ) throws PackingException {
        SignatureAlgorithm alg = algorithmFor(key).orElseThrow(() -> new PackingException(
                "key " + kid + " cannot sign; DIDComm signs with Ed25519, P-256 or secp256k1 keys"));
        ObjectNode ph = json.nodes().objectNode();
        ph.put("typ", typ);
        ph.put("alg", alg.wireName());
        ph.put("kid", kid);
        String input = B64.encode(json.write(ph)) + "." + B64.encode(payload);
        try {
            Base64URL sig = signer(key).sign(new JWSHeader(JWSAlgorithm.parse(alg.wireName())),
                    input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + sig;
        } catch (JOSEException e) {
            throw new PackingException("signing with " + kid + " failed: " + e.getMessage(), e);
        }
    }

    /** Parses a compact JWS whose protected header names its {@code kid} (a JWT such as from_prior). */
    public Parsed parseCompact(String compact, String expectedTyp) throws InvalidEnvelopeException,
            UnsupportedAlgorithmException, MalformedJsonException, JsonLimitExceededException {
        String[] parts = compact.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidEnvelopeException("compact JWS must have three dot-separated parts");
        }
        ObjectNode flattened = json.nodes().objectNode();
        flattened.put("payload", parts[1]);
        flattened.put("protected", parts[0]);
        flattened.put("signature", parts[2]);
        return parse(flattened, Set.of(expectedTyp));
    }

    /** Validates structure and header of a General or Flattened JWS. */
    public Parsed parse(ObjectNode env) throws InvalidEnvelopeException, UnsupportedAlgorithmException,
            MalformedJsonException, JsonLimitExceededException {
        return parse(env, Set.of(MEDIA_TYPE, "JWM"));
    }

    private Parsed parse(ObjectNode env, Set<String> allowedTyps) throws InvalidEnvelopeException,
            UnsupportedAlgorithmException, MalformedJsonException, JsonLimitExceededException {
        String payloadB64 = StrictJson.requireString(env, "payload", "JWS");
        JsonNode sigObj;
        if (env.has("signatures")) {
            if (env.has("signature") || env.has("protected")) {
                throw new InvalidEnvelopeException("JWS mixes general (\"signatures\") and flattened members");
            }
            JsonNode sigs = env.get("signatures");
            if (!sigs.isArray() || sigs.size() != 1) {
                throw new InvalidEnvelopeException("a DIDComm JWS carries exactly one signature, by its sender");
            }
            sigObj = sigs.get(0);
        } else {
            sigObj = env;
        }
        for (Iterator<String> it = env.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!Set.of("payload", "signatures", "protected", "signature", "header").contains(f)) {
                throw new InvalidEnvelopeException("JWS member \"" + f + "\" is not allowed");
            }
        }
        if (!sigObj.isObject()) {
            throw new InvalidEnvelopeException("JWS signature entry must be an object");
        }
        String protectedB64 = StrictJson.requireString(sigObj, "protected", "JWS signature");
        String sigB64 = StrictJson.requireString(sigObj, "signature", "JWS signature");
        ObjectNode ph = json.readObject(B64.decode(protectedB64, "JWS protected header"), "JWS protected header");
        for (Iterator<String> it = ph.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!PROTECTED_MEMBERS.contains(f)) {
                throw new UnsupportedAlgorithmException("JWS protected header \"" + f + "\" is not supported");
            }
        }
        String typ = StrictJson.optString(ph, "typ", "JWS protected header");
        if (typ != null && !allowedTyps.contains(typ)) {
            throw new InvalidEnvelopeException("JWS typ is '" + typ + "'; expected one of " + allowedTyps);
        }
        String algName = StrictJson.optString(ph, "alg", "JWS protected header");
        if (algName == null) {
            throw new InvalidEnvelopeException("JWS protected header lacks \"alg\"");
        }
        SignatureAlgorithm alg = SignatureAlgorithm.fromWire(algName).orElseThrow(() ->
                new UnsupportedAlgorithmException("JWS alg '" + algName
                        + "' is not allowed; DIDComm verifies EdDSA, ES256 and ES256K"));
        String kid = StrictJson.optString(ph, "kid", "JWS protected header");
        JsonNode header = sigObj.get("header");
        if (header != null && !header.isNull()) {
            if (!header.isObject()) {
                throw new InvalidEnvelopeException("JWS unprotected \"header\" must be an object");
            }
            String hk = StrictJson.optString(header, "kid", "JWS header");
            if (kid != null && hk != null && !kid.equals(hk)) {
                throw new InvalidEnvelopeException("JWS names two different signing keys");
            }
            if (kid == null) {
                kid = hk;
            }
        }
        if (kid == null || !kid.startsWith("did:") || !kid.contains("#")) {
            throw new InvalidEnvelopeException("JWS lacks a \"kid\" that is a DID URL of the signer's key");
        }
        B64.decode(payloadB64, "JWS payload");
        return new Parsed(protectedB64, payloadB64, alg, kid, B64.decode(sigB64, "JWS signature"));
    }

    /** Verifies the signature with the signer's public key; the algorithm must fit the key's curve. */
    public void verify(Parsed p, JWK publicKey) throws SignatureVerificationException, InvalidPublicKeyException {
        SignatureAlgorithm expected = algorithmFor(publicKey).orElseThrow(() -> new InvalidPublicKeyException(
                "key " + p.kid() + " cannot verify signatures (type " + publicKey.getKeyType() + ")"));
        if (expected != p.alg()) {
            throw new SignatureVerificationException("JWS alg " + p.alg().wireName() + " does not fit key " + p.kid()
                    + " (needs " + expected.wireName() + ")");
        }
        boolean ok;
        try {
            ok = verifier(publicKey).verify(new JWSHeader(JWSAlgorithm.parse(p.alg().wireName())),
                    (p.protectedB64() + "." + p.payloadB64()).getBytes(StandardCharsets.US_ASCII),
                    Base64URL.encode(p.signature()));
        } catch (JOSEException e) {
            throw new SignatureVerificationException("JWS by " + p.kid() + " could not be verified: " + e.getMessage(), e);
        }
        if (!ok) {
            throw new SignatureVerificationException("JWS signature by " + p.kid() + " does not verify");
        }
    }

    /** The algorithm a signing key implies. */
    public static java.util.Optional<SignatureAlgorithm> algorithmFor(JWK key) {
        if (key instanceof OctetKeyPair okp) {
            return SignatureAlgorithm.forCurve(okp.getCurve().getName());
        }
        if (key instanceof ECKey ec) {
            return SignatureAlgorithm.forCurve(ec.getCurve().getName());
        }
        return java.util.Optional.empty();
    }

    private static JWSSigner signer(JWK key) throws JOSEException {
        if (key instanceof OctetKeyPair okp) {
            return new Ed25519Signer(okp);
        }
        ECDSASigner s = new ECDSASigner((ECKey) key);
        if (Curve.SECP256K1.equals(((ECKey) key).getCurve())) {
            s.getJCAContext().setProvider(BouncyCastleProviderSingleton.getInstance());
        }
        return s;
    }

    private static JWSVerifier verifier(JWK key) throws JOSEException, InvalidPublicKeyException {
        if (key instanceof OctetKeyPair okp) {
            return new Ed25519Verifier(okp.toPublicJWK());
        }
        ECKey ec = ((ECKey) key).toPublicJWK();
        ECDSAVerifier v = new ECDSAVerifier(ec);
        if (Curve.SECP256K1.equals(ec.getCurve())) {
            v.getJCAContext().setProvider(BouncyCastleProviderSingleton.getInstance());
        }
        return v;
    }
}
