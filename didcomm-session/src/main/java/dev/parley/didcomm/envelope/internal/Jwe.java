package dev.parley.didcomm.envelope.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.crypto.impl.AESCBC;
import com.nimbusds.jose.crypto.impl.AESGCM;
import com.nimbusds.jose.crypto.impl.AESKW;
import com.nimbusds.jose.crypto.impl.AuthenticatedCipherText;
import com.nimbusds.jose.crypto.impl.ConcatKDF;
import com.nimbusds.jose.crypto.impl.ECDH;
import com.nimbusds.jose.crypto.impl.ECDH1PU;
import com.nimbusds.jose.crypto.impl.XC20P;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.Container;
import dev.parley.didcomm.did.VerificationKey;
import dev.parley.didcomm.envelope.ContentEncryption;
import dev.parley.didcomm.envelope.DecryptionFailedException;
import dev.parley.didcomm.envelope.InvalidEnvelopeException;
import dev.parley.didcomm.envelope.InvalidPublicKeyException;
import dev.parley.didcomm.envelope.KeyWrap;
import dev.parley.didcomm.envelope.PackingException;
import dev.parley.didcomm.envelope.UnsupportedAlgorithmException;
import dev.parley.didcomm.json.JsonLimitExceededException;
import dev.parley.didcomm.json.MalformedJsonException;
import dev.parley.didcomm.json.StrictJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * DIDComm JWEs in General JSON serialization with one content encryption and a key wrapped per
 * recipient, all sharing the protected {@code epk}, {@code apu}, {@code apv} as the spec requires
 * ("ECDH-1PU key wrapping and common protected headers"). For ECDH-1PU the content is encrypted first
 * and its tag enters the key derivation (cctag).
 *
 * <p>Thread-safe: holds only an immutable {@link StrictJson}.
 */
public final class Jwe {

    /** Media type in the {@code typ} header of an encrypted message. */
    public static final String MEDIA_TYPE = "application/didcomm-encrypted+json";

    private static final Set<String> ENVELOPE_MEMBERS =
            Set.of("protected", "recipients", "iv", "ciphertext", "tag", "unprotected", "header", "encrypted_key");
    private static final Set<String> PROTECTED_MEMBERS =
            Set.of("typ", "cty", "alg", "enc", "epk", "apu", "apv", "skid");

    /** Most recipient keys accepted in one JWE (one DID's devices); more is refused before any work. */
    public static final int MAX_RECIPIENTS = 64;

    private final StrictJson json;

    public Jwe(StrictJson json) {
        this.json = Objects.requireNonNull(json, "json");
    }

    /** A parsed JWE whose headers passed validation; decrypt it with {@link #decrypt}. */
    public record Parsed(String protectedB64, KeyWrap alg, ContentEncryption enc, JWK epk, Curve curve,
            String skid, Base64URL apu, Base64URL apv, List<String> kids, List<byte[]> encryptedKeys, byte[] iv,
            byte[] ciphertext, byte[] tag) {
    }

    /**
     * Encrypts {@code plaintext} for {@code recipients} (all of one curve).
     *
     * @param sender the sender's static key for ECDH-1PU (same curve), null for ECDH-ES
     * @return the envelope as a JSON tree
     */
    public ObjectNode encrypt(byte[] plaintext, KeyWrap alg, ContentEncryption enc, List<VerificationKey> recipients,
            String skid, JWK sender, SecureRandom random) throws PackingException {
        if (recipients.isEmpty()) {
            throw new PackingException("a JWE needs at least one recipient key");
        }
        try {
            Curve curve = Ecdh.curveOf(recipients.get(0).publicJwk());
            for (VerificationKey r : recipients) {
                if (!curve.equals(Ecdh.curveOf(r.publicJwk()))) {
                    throw new PackingException("all recipient keys of one JWE must share a curve; " + r.id()
                            + " is not " + curve);
                }
            }
            if (alg == KeyWrap.ECDH_1PU_A256KW) {
                if (sender == null || skid == null) {
                    throw new PackingException("authcrypt needs the sender's key-agreement private key");
                }
                if (!curve.equals(Ecdh.curveOf(sender))) {
                    throw new PackingException("sender key " + skid + " is not on the recipients' curve " + curve);
                }
                if (enc != ContentEncryption.A256CBC_HS512) {
                    throw new PackingException("authcrypt requires A256CBC-HS512");
                }
            }
            JWK epk = Ecdh.generate(curve, random);
            List<String> kids = recipients.stream().map(VerificationKey::id).toList();
            Base64URL apv = apv(kids);
            Base64URL apu = skid == null ? null : Base64URL.encode(skid);

            ObjectNode ph = json.nodes().objectNode();
            ph.put("typ", MEDIA_TYPE);
            ph.put("alg", alg.wireName());
            ph.put("enc", enc.wireName());
            if (skid != null) {
                ph.put("skid", skid);
                ph.put("apu", apu.toString());
            }
            ph.put("apv", apv.toString());
            ph.set("epk", json.mapper().valueToTree(epk.toPublicJWK().toJSONObject()));
            String protectedB64 = B64.encode(json.write(ph));
            byte[] aad = protectedB64.getBytes(StandardCharsets.US_ASCII);

            byte[] cekBytes = new byte[enc.keyBytes()];
            random.nextBytes(cekBytes);
            SecretKey cek = new SecretKeySpec(cekBytes, "AES");
            byte[] iv;
            AuthenticatedCipherText act;
            switch (enc) {
                case A256CBC_HS512 -> {
                    iv = new byte[16];
                    random.nextBytes(iv);
                    act = AESCBC.encryptAuthenticated(cek, iv, plaintext, aad, null, null);
                }
                case A256GCM -> {
                    iv = new byte[12];
                    random.nextBytes(iv);
                    Container<byte[]> ivc = new Container<>(iv);
                    act = AESGCM.encrypt(cek, ivc, plaintext, aad, null);
                    iv = ivc.get();
                }
                case XC20P -> {
                    Container<byte[]> ivc = new Container<>(null);
                    act = XC20P.encryptAuthenticated(cek, ivc, plaintext, aad);
                    iv = ivc.get();
                }
                default -> throw new IllegalStateException("unhandled " + enc);
            }
            JWEHeader kdfHeader = kdfHeader(alg, enc, apu, apv);
            ArrayNode rs = json.nodes().arrayNode();
            for (VerificationKey r : recipients) {
                SecretKey z = alg == KeyWrap.ECDH_1PU_A256KW
                        ? ECDH1PU.deriveZ(Ecdh.agree(epk, r.publicJwk()), Ecdh.agreeStatic(sender, r.publicJwk()))
                        : Ecdh.agree(epk, r.publicJwk());
                SecretKey kek = kek(alg, kdfHeader, z, act.getAuthenticationTag());
                ObjectNode ro = rs.addObject();
                ro.putObject("header").put("kid", r.id());
                ro.put("encrypted_key", B64.encode(AESKW.wrapCEK(cek, kek, null)));
            }
            ObjectNode out = json.nodes().objectNode();
            out.put("protected", protectedB64);
            out.set("recipients", rs);
            out.put("iv", B64.encode(iv));
            out.put("ciphertext", B64.encode(act.getCipherText()));
            out.put("tag", B64.encode(act.getAuthenticationTag()));
            return out;
        } catch (JOSEException e) {
            throw new PackingException("JWE encryption failed: " + e.getMessage(), e);
        } catch (UnsupportedAlgorithmException | InvalidPublicKeyException e) {
            throw new PackingException("cannot encrypt to these keys: " + e.getMessage(), e);
        }
    }

    /** Validates the envelope structure and protected header; no key material is used. */
    public Parsed parse(ObjectNode env) throws InvalidEnvelopeException, UnsupportedAlgorithmException,
            MalformedJsonException, JsonLimitExceededException, InvalidPublicKeyException {
        for (Iterator<String> it = env.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!ENVELOPE_MEMBERS.contains(f)) {
                throw new InvalidEnvelopeException("JWE member \"" + f + "\" is not allowed in a DIDComm message");
            }
        }
        if (env.has("unprotected")) {
            throw new InvalidEnvelopeException("DIDComm JWEs keep shared headers in \"protected\"; \"unprotected\" is not accepted");
        }
        String protectedB64 = StrictJson.requireString(env, "protected", "JWE");
        ObjectNode ph = json.readObject(B64.decode(protectedB64, "JWE protected header"), "JWE protected header");
        for (Iterator<String> it = ph.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!PROTECTED_MEMBERS.contains(f)) {
                throw new UnsupportedAlgorithmException("JWE protected header \"" + f
                        + "\" is not supported (DIDComm uses typ, alg, enc, epk, apu, apv, skid)");
            }
        }
        String typ = StrictJson.optString(ph, "typ", "JWE protected header");
        if (typ != null && !typ.equals(MEDIA_TYPE)) {
            throw new InvalidEnvelopeException("JWE typ is '" + typ + "'; expected '" + MEDIA_TYPE + "'");
        }
        String algName = StrictJson.optString(ph, "alg", "JWE protected header");
        if (algName == null) {
            throw new InvalidEnvelopeException("JWE protected header lacks \"alg\"");
        }
        KeyWrap alg = KeyWrap.fromWire(algName).orElseThrow(() -> new UnsupportedAlgorithmException(
                "JWE alg '" + algName + "' is not allowed; DIDComm uses ECDH-ES+A256KW or ECDH-1PU+A256KW"));
        String encName = StrictJson.optString(ph, "enc", "JWE protected header");
        if (encName == null) {
            throw new InvalidEnvelopeException("JWE protected header lacks \"enc\"");
        }
        ContentEncryption enc = ContentEncryption.fromWire(encName).orElseThrow(() ->
                new UnsupportedAlgorithmException("JWE enc '" + encName
                        + "' is not allowed; use A256CBC-HS512, A256GCM or XC20P"));
        if (alg == KeyWrap.ECDH_1PU_A256KW && enc != ContentEncryption.A256CBC_HS512) {
            throw new UnsupportedAlgorithmException("ECDH-1PU requires enc A256CBC-HS512, got " + encName);
        }
        JsonNode epkNode = ph.get("epk");
        if (epkNode == null || !epkNode.isObject()) {
            throw new InvalidEnvelopeException("JWE protected header lacks an \"epk\" object");
        }
        if (epkNode.has("d")) {
            throw new InvalidEnvelopeException("JWE epk contains a private key (\"d\"); refusing it");
        }
        JWK epk = epk(epkNode);
        Curve curve = Ecdh.curveOf(epk);
        String skid = StrictJson.optString(ph, "skid", "JWE protected header");
        String apuText = StrictJson.optString(ph, "apu", "JWE protected header");
        String apvText = StrictJson.optString(ph, "apv", "JWE protected header");
        if (apvText == null) {
            throw new InvalidEnvelopeException("JWE protected header lacks \"apv\" (hash of the recipient key ids)");
        }
        Base64URL apu = apuText == null ? null : new Base64URL(apuText);
        if (apu != null) {
            B64.decode(apuText, "JWE apu");
        }
        if (alg == KeyWrap.ECDH_1PU_A256KW) {
            if (apu == null) {
                throw new InvalidEnvelopeException("authcrypt JWE lacks \"apu\" (the sender key id)");
            }
            String fromApu = new String(B64.decode(apuText, "JWE apu"), StandardCharsets.UTF_8);
            if (skid == null) {
                skid = fromApu;
            } else if (!skid.equals(fromApu)) {
                throw new InvalidEnvelopeException("JWE apu does not encode its skid");
            }
        } else if (skid != null) {
            throw new InvalidEnvelopeException("anoncrypt JWE must not name a sender (\"skid\")");
        }

        List<String> kids = new ArrayList<>();
        List<byte[]> keys = new ArrayList<>();
        JsonNode recipients = env.get("recipients");
        if (recipients != null) {
            if (env.has("header") || env.has("encrypted_key")) {
                throw new InvalidEnvelopeException("JWE mixes general (\"recipients\") and flattened members");
            }
            if (!recipients.isArray() || recipients.isEmpty()) {
                throw new InvalidEnvelopeException("JWE \"recipients\" must be a non-empty array");
            }
            if (recipients.size() > MAX_RECIPIENTS) {
                throw new InvalidEnvelopeException("JWE has " + recipients.size() + " recipients; at most "
                        + MAX_RECIPIENTS + " are accepted");
            }
            for (JsonNode r : recipients) {
                if (!r.isObject()) {
                    throw new InvalidEnvelopeException("each JWE recipient must be an object");
                }
                addRecipient(r, r.get("header"), kids, keys);
            }
        } else {
            addRecipient(env, env.get("header"), kids, keys);
        }
        if (new java.util.HashSet<>(kids).size() != kids.size()) {
            throw new InvalidEnvelopeException("JWE lists a recipient key id twice");
        }
        String did = VerificationKey.didOf(kids.get(0));
        for (String k : kids) {
            if (!VerificationKey.didOf(k).equals(did)) {
                throw new InvalidEnvelopeException("a DIDComm JWE is encrypted to one DID; found keys of "
                        + did + " and " + VerificationKey.didOf(k));
            }
        }
        if (!apv(kids).toString().equals(apvText)) {
            throw new InvalidEnvelopeException("JWE apv does not match its recipients' key ids");
        }
        byte[] iv = B64.decode(StrictJson.requireString(env, "iv", "JWE"), "JWE iv");
        byte[] ct = B64.decode(StrictJson.requireString(env, "ciphertext", "JWE"), "JWE ciphertext");
        byte[] tag = B64.decode(StrictJson.requireString(env, "tag", "JWE"), "JWE tag");
        if (iv.length != enc.ivBytes()) {
            throw new InvalidEnvelopeException("JWE iv is " + iv.length + " bytes; " + enc.wireName() + " needs "
                    + enc.ivBytes());
        }
        if (tag.length != enc.tagBytes()) {
            throw new InvalidEnvelopeException("JWE tag is " + tag.length + " bytes; " + enc.wireName() + " needs "
                    + enc.tagBytes());
        }
        return new Parsed(protectedB64, alg, enc, epk, curve, skid, apu, new Base64URL(apvText), List.copyOf(kids),
                List.copyOf(keys), iv, ct, tag);
    }

    /** Builds the epk from the already parsed header fields (no second JSON parse); Nimbus checks EC points. */
    private static JWK epk(JsonNode n) throws InvalidPublicKeyException, UnsupportedAlgorithmException,
            MalformedJsonException {
        String kty = StrictJson.requireString(n, "kty", "JWE epk");
        String crv = StrictJson.requireString(n, "crv", "JWE epk");
        String x = StrictJson.requireString(n, "x", "JWE epk");
        try {
            return switch (kty) {
                case "OKP" -> new OctetKeyPair.Builder(Curve.parse(crv), new Base64URL(x)).build();
                case "EC" -> new ECKey.Builder(Curve.parse(crv), new Base64URL(x),
                        new Base64URL(StrictJson.requireString(n, "y", "JWE epk"))).build();
                default -> throw new UnsupportedAlgorithmException("JWE epk kty '" + kty
                        + "' is not allowed; use OKP (X25519) or EC");
            };
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new InvalidPublicKeyException("JWE epk is not a valid public key: " + e.getMessage(), e);
        }
    }

    private static void addRecipient(JsonNode r, JsonNode header, List<String> kids, List<byte[]> keys)
            throws InvalidEnvelopeException, MalformedJsonException {
        if (header == null || !header.isObject()) {
            throw new InvalidEnvelopeException("JWE recipient lacks a \"header\" object with its \"kid\"");
        }
        String kid = StrictJson.requireString(header, "kid", "JWE recipient header");
        if (!kid.startsWith("did:") || !kid.contains("#")) {
            throw new InvalidEnvelopeException("JWE recipient kid must be a DID URL, got '" + kid + "'");
        }
        kids.add(kid);
        keys.add(B64.decode(StrictJson.requireString(r, "encrypted_key", "JWE recipient"), "JWE encrypted_key"));
    }

    /**
     * Unwraps the content key with the recipient's private key at {@code index} of {@link Parsed#kids()}
     * and decrypts.
     *
     * @param senderPublic the authcrypt sender's static public key (resolved from skid), null for anoncrypt
     */
    public byte[] decrypt(Parsed p, int index, JWK recipientPrivate, JWK senderPublic)
            throws DecryptionFailedException, InvalidPublicKeyException, UnsupportedAlgorithmException {
        if (!p.curve().equals(Ecdh.curveOf(recipientPrivate))) {
            throw new InvalidPublicKeyException("JWE epk curve " + p.curve() + " does not match recipient key "
                    + p.kids().get(index));
        }
        SecretKey z = Ecdh.agree(recipientPrivate, p.epk());
        if (p.alg() == KeyWrap.ECDH_1PU_A256KW) {
            if (!p.curve().equals(Ecdh.curveOf(senderPublic))) {
                throw new InvalidPublicKeyException("authcrypt sender key " + p.skid() + " is not on curve " + p.curve());
            }
            z = ECDH1PU.deriveZ(z, Ecdh.agreeStatic(recipientPrivate, senderPublic));
        }
        byte[] aad = p.protectedB64().getBytes(StandardCharsets.US_ASCII);
        try {
            SecretKey kek = kek(p.alg(), kdfHeader(p.alg(), p.enc(), p.apu(), p.apv()), z, p.tag());
            SecretKey cek = AESKW.unwrapCEK(kek, p.encryptedKeys().get(index), null);
            if (cek.getEncoded().length != p.enc().keyBytes()) {
                throw new DecryptionFailedException("JWE content key has the wrong length for " + p.enc().wireName());
            }
            return switch (p.enc()) {
                case A256CBC_HS512 -> AESCBC.decryptAuthenticated(cek, p.iv(), p.ciphertext(), aad, p.tag(), null, null);
                case A256GCM -> AESGCM.decrypt(cek, p.iv(), p.ciphertext(), aad, p.tag(), null);
                case XC20P -> XC20P.decryptAuthenticated(cek, p.iv(), p.ciphertext(), aad, p.tag());
            };
        } catch (JOSEException e) {
            throw new DecryptionFailedException("JWE for " + p.kids().get(index)
                    + " did not decrypt (tampered or not encrypted to this key)", e);
        }
    }

    /** {@code apv}: base64url(SHA-256(sorted recipient kids joined by '.')). */
    public static Base64URL apv(List<String> kids) {
        List<String> sorted = new ArrayList<>(kids);
        sorted.sort(null);
        try {
            return Base64URL.encode(MessageDigest.getInstance("SHA-256")
                    .digest(String.join(".", sorted).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static JWEHeader kdfHeader(KeyWrap alg, ContentEncryption enc, Base64URL apu, Base64URL apv) {
        return new JWEHeader.Builder(JWEAlgorithm.parse(alg.wireName()), EncryptionMethod.parse(enc.wireName()))
                .agreementPartyUInfo(apu)
                .agreementPartyVInfo(apv)
                .build();
    }

    private static SecretKey kek(KeyWrap alg, JWEHeader h, SecretKey z, byte[] tag) throws JOSEException {
        ConcatKDF kdf = new ConcatKDF("SHA-256");
        return alg == KeyWrap.ECDH_1PU_A256KW
                ? ECDH1PU.deriveSharedKey(h, z, Base64URL.encode(tag), kdf)
                : ECDH.deriveSharedKey(h, z, kdf);
    }
}
