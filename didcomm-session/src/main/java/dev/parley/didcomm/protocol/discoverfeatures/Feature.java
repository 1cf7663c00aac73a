package dev.parley.didcomm.protocol.discoverfeatures;

import dev.parley.didcomm.protocol.ProtocolHandler;
import java.util.List;
import java.util.Objects;

/**
 * A feature this agent may disclose. Immutable.
 *
 * @param featureType {@code protocol}, {@code goal-code} or {@code header}
 * @param id the protocol PIURI, goal code or header name
 * @param roles roles played (protocols only), possibly empty
 */
public record Feature(String featureType, String id, List<String> roles) {

    public Feature {
        Objects.requireNonNull(featureType, "featureType");
        Objects.requireNonNull(id, "id");
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public static Feature protocol(ProtocolHandler h) {
        return new Feature("protocol", h.piuri(), h.roles());
    }

    public static Feature goalCode(String code) {
        return new Feature("goal-code", code, List.of());
    }

    public static Feature header(String name) {
        return new Feature("header", name, List.of());
    }
}
