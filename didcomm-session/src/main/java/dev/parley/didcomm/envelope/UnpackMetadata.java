package dev.parley.didcomm.envelope;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What unpacking proved about a message. Immutable; serializes to JSON (snake_case, nulls omitted) for
 * {@code parley didcomm unpack}.
 *
 * @param encrypted at least one JWE layer
 * @param authenticated the sender is authenticated (authcrypt or a signature)
 * @param nonRepudiation the plaintext was signed
 * @param anonymousSender the outermost encryption was anoncrypt
 * @param encryptedFromKid authcrypt sender key ({@code skid}), or null
 * @param encryptedToKids recipient key ids of the innermost JWE
 * @param decryptedWithKid the local key that decrypted the innermost JWE, or null
 * @param signFrom signing key id, or null
 * @param encAlgAuth authcrypt algorithms ({@code alg/enc}), or null
 * @param encAlgAnon anoncrypt algorithms ({@code alg/enc}), or null
 * @param signAlg signature algorithm, or null
 * @param fromPriorIssuerKid key that signed a verified {@code from_prior}, or null
 * @param layers the layers found, outermost first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UnpackMetadata(
        @JsonProperty("encrypted") boolean encrypted,
        @JsonProperty("authenticated") boolean authenticated,
        @JsonProperty("non_repudiation") boolean nonRepudiation,
        @JsonProperty("anonymous_sender") boolean anonymousSender,
        @JsonProperty("encrypted_from_kid") String encryptedFromKid,
        @JsonProperty("encrypted_to_kids") List<String> encryptedToKids,
        @JsonProperty("decrypted_with_kid") String decryptedWithKid,
        @JsonProperty("sign_from") String signFrom,
        @JsonProperty("enc_alg_auth") String encAlgAuth,
        @JsonProperty("enc_alg_anon") String encAlgAnon,
        @JsonProperty("sign_alg") String signAlg,
        @JsonProperty("from_prior_issuer_kid") String fromPriorIssuerKid,
        @JsonProperty("layers") List<Layer> layers) {

    public UnpackMetadata {
        encryptedToKids = encryptedToKids == null ? List.of() : List.copyOf(encryptedToKids);
        layers = List.copyOf(layers);
    }
}
