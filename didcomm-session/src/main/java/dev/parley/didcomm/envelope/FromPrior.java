package dev.parley.didcomm.envelope;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.didcomm.did.DidResolutionException;
import dev.parley.didcomm.did.DidResolver;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.did.PrivateKeyJwk;
import dev.parley.didcomm.did.ResolvedDid;
import dev.parley.didcomm.did.VerificationKey;
import dev.parley.didcomm.envelope.internal.Jws;
import dev.parley.didcomm.json.JsonLimitExceededException;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.json.MalformedJsonException;
import dev.parley.didcomm.json.StrictJson;
import dev.parley.didcomm.problem.DidCommException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code from_prior} DID rotation JWT ("DID Rotation"): {@code iss} is the prior DID, {@code sub} the new
 * one, signed by a key in the prior DID's {@code authentication}. Immutable.
 *
 * @param iss the prior DID
 * @param sub the new DID, or null when the relationship is ended
 * @param iat when the rotation happened, or null
 * @param issuerKid the key that signed it (set once verified or issued)
 */
public record FromPrior(String iss, String sub, Instant iat, String issuerKid) {

    public FromPrior {
        Objects.requireNonNull(iss, "iss");
    }

    /** Signs a rotation from {@code prior} to {@code newDid} with the first authentication key of the prior DID. */
    public static String issue(LocalIdentity prior, String newDid, Instant iat, DidResolver resolver, JsonLimits limits)
            throws PackingException, DidResolutionException {
        StrictJson json = new StrictJson(limits);
        ResolvedDid doc = resolver.resolve(prior.did());
        for (VerificationKey k : doc.authentication()) {
            Optional<PrivateKeyJwk> secret = prior.secrets().find(k.id());
            if (secret.isPresent() && Jws.algorithmFor(secret.get().jwk()).isPresent()) {
                ObjectNode claims = json.nodes().objectNode();
                if (newDid != null) {
                    claims.put("sub", newDid);
                }
                claims.put("iss", prior.did());
                claims.put("iat", iat.getEpochSecond());
                return new Jws(json).signCompact(json.write(claims), k.id(), secret.get().jwk(), "JWT");
            }
        }
        throw new PackingException("no authentication key of " + prior.did() + " has a local private key to sign from_prior");
    }

    /**
     * Verifies a {@code from_prior} JWT carried by a message from {@code messageFrom}.
     *
     * @throws InvalidFromPriorException when it is malformed, not signed by its issuer, or names another sender
     */
    static FromPrior verify(String jwt, String messageFrom, DidResolver resolver, StrictJson json)
            throws DidCommException {
        Jws jws = new Jws(json);
        Jws.Parsed p;
        ObjectNode claims;
        try {
            p = jws.parseCompact(jwt, "JWT");
            claims = json.readObject(p.payload(), "from_prior claims");
        } catch (InvalidEnvelopeException | MalformedJsonException | JsonLimitExceededException
                 | UnsupportedAlgorithmException e) {
            throw new InvalidFromPriorException("from_prior is not a valid JWT: " + e.getMessage(), e);
        }
        String iss;
        String sub;
        Long iat;
        try {
            iss = StrictJson.requireString(claims, "iss", "from_prior");
            sub = StrictJson.optString(claims, "sub", "from_prior");
            iat = StrictJson.optLong(claims, "iat", "from_prior");
        } catch (MalformedJsonException e) {
            throw new InvalidFromPriorException(e.getMessage(), e);
        }
        if (iss.equals(sub)) {
            throw new InvalidFromPriorException("from_prior iss and sub are the same DID; nothing was rotated");
        }
        if (!Objects.equals(sub, messageFrom)) {
            throw new InvalidFromPriorException("from_prior sub (" + sub + ") is not the message's from (" + messageFrom + ")");
        }
        if (!VerificationKey.didOf(p.kid()).equals(iss)) {
            throw new InvalidFromPriorException("from_prior is signed by " + p.kid() + ", not by a key of its issuer " + iss);
        }
        ResolvedDid doc = resolver.resolve(iss);
        VerificationKey key = doc.authenticationKey(p.kid()).orElseThrow(() -> new InvalidFromPriorException(
                "from_prior key " + p.kid() + " is not in the authentication of " + iss));
        try {
            jws.verify(p, key.publicJwk());
        } catch (SignatureVerificationException | InvalidPublicKeyException e) {
            throw new InvalidFromPriorException("from_prior signature does not verify: " + e.getMessage(), e);
        }
        return new FromPrior(iss, sub, iat == null ? null : Instant.ofEpochSecond(iat), p.kid());
    }
}
