package dev.parley.did;

import java.util.List;
import java.util.Objects;

/**
 * A {@code DIDCommMessaging} service (DIDComm v2 section 9.12): an endpoint {@code uri} (an
 * http(s)/ws(s) URL or a DID for routing through a mediator), the media types it
 * {@code accept}s and the {@code routingKeys} (DID URLs of mediator keys) a sender wraps the
 * message for, outermost last. Immutable.
 */
public record DidCommMessagingService(String id, String uri, List<String> accept,
    List<String> routingKeys) implements Service {

  public static final String TYPE = "DIDCommMessaging";

  public DidCommMessagingService {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(uri, "uri");
    accept = List.copyOf(accept);
    routingKeys = List.copyOf(routingKeys);
  }

  @Override
  public String type() {
    return TYPE;
  }
}
