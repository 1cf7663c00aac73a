package dev.parley.didcomm.envelope;

import com.nimbusds.jose.jwk.Curve;
import dev.parley.didcomm.did.ResolvedDid;
import dev.parley.didcomm.did.VerificationKey;
import dev.parley.didcomm.envelope.internal.Ecdh;
import java.util.ArrayList;
import java.util.List;

/**
 * The spec's rules for choosing the keys one JWE is encrypted to: all {@code keyAgreement} keys of one
 * DID that share the curve of the first usable one, or exactly the key a DID URL names.
 */
final class RecipientKeys {

    private RecipientKeys() {
    }

    /** Keys for {@code target} (a DID or a DID URL of a keyAgreement key) in {@code doc}. */
    static List<VerificationKey> select(ResolvedDid doc, String target) throws PackingException {
        if (target.contains("#")) {
            VerificationKey k = doc.keyAgreementKey(target).orElseThrow(() -> new PackingException(
                    target + " is not a keyAgreement key of " + doc.did()));
            return List.of(k);
        }
        for (VerificationKey first : doc.keyAgreement()) {
            Curve c = curveOrNull(first);
            if (c != null) {
                return ofCurve(doc, c);
            }
        }
        throw new PackingException(doc.did() + " has no keyAgreement key on X25519, P-256, P-384 or P-521");
    }

    /** All keyAgreement keys of {@code doc} on curve {@code c}, in document order. */
    static List<VerificationKey> ofCurve(ResolvedDid doc, Curve c) {
        List<VerificationKey> out = new ArrayList<>();
        for (VerificationKey k : doc.keyAgreement()) {
            if (c.equals(curveOrNull(k))) {
                out.add(k);
            }
        }
        return out;
    }

    static Curve curveOrNull(VerificationKey k) {
        try {
            return Ecdh.curveOf(k.publicJwk());
        } catch (UnsupportedAlgorithmException e) {
            return null;
        }
    }
}
