package dev.parley.didcomm.envelope;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * One packed envelope, ready to send. Encrypted modes produce one per recipient DID. Immutable.
 *
 * @param json the envelope (compact JSON)
 * @param toDid the recipient DID this envelope is for, or null for plain and signed messages
 * @param fromKid the authcrypt sender key id, or null
 * @param signByKid the signing key id, or null
 * @param toKids the recipient key ids the content key is wrapped for (innermost encryption)
 * @param serviceEndpoint where to send it when forwarded ({@code uri} of the recipient's service), or null
 */
public record PackedMessage(
        @JsonProperty("message") String json,
        @JsonProperty("to") String toDid,
        @JsonProperty("from_kid") String fromKid,
        @JsonProperty("sign_by_kid") String signByKid,
        @JsonProperty("to_kids") List<String> toKids,
        @JsonProperty("service_endpoint") String serviceEndpoint) {

    public PackedMessage {
        Objects.requireNonNull(json, "json");
        toKids = toKids == null ? List.of() : List.copyOf(toKids);
    }
}
