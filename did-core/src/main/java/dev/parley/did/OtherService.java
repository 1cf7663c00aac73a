package dev.parley.did;

import java.util.Objects;

/**
 * A service of a type did-core does not interpret; its {@code serviceEndpoint} is kept as
 * compact JSON text (a string or object), so it round-trips unchanged. Immutable.
 */
public record OtherService(String id, String type, String serviceEndpointJson) implements Service {

  public OtherService {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(serviceEndpointJson, "serviceEndpointJson");
  }
}
