package dev.parley.didcomm.did;

import java.util.List;
import java.util.Objects;

/**
 * A {@code DIDCommMessaging} service of a DID document. Immutable.
 *
 * @param id service id
 * @param uri endpoint URI, or a DID of a mediator
 * @param accept accepted media-type profiles, e.g. {@code didcomm/v2}
 * @param routingKeys DID URLs of the mediators' keys, outermost last, as in routing 2.0
 */
public record DidCommService(String id, String uri, List<String> accept, List<String> routingKeys) {
    public DidCommService {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(uri, "uri");
        accept = accept == null ? List.of() : List.copyOf(accept);
        routingKeys = routingKeys == null ? List.of() : List.copyOf(routingKeys);
    }
}
