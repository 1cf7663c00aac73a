package dev.parley.did.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.did.DidCommMessagingService;
import dev.parley.did.DidException;
import dev.parley.did.InputTooLargeException;
import dev.parley.did.InvalidServiceException;
import dev.parley.did.OtherService;
import dev.parley.did.Service;
import dev.parley.did.internal.Base64Url;
import dev.parley.did.internal.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Encodes and decodes did:peer:2 {@code S} elements: abbreviated JSON, base64url without
 * padding. Decoding accepts both the current form ({@code "s":{"uri":..,"a":[..],"r":[..]}})
 * and the pre-2023 form ({@code "s":"<uri>"} with top-level {@code r} and {@code a});
 * encoding always writes the current form.
 */
final class PeerServiceCodec {

  static final int MAX_SERVICE_JSON_CHARS = 4096;
  static final int MAX_LIST_ENTRIES = 16;

  private static final Map<String, String> ABBREVIATE = Map.of(
      "type", "t", "serviceEndpoint", "s", "routingKeys", "r", "accept", "a");
  private static final Map<String, String> EXPAND = Map.of(
      "t", "type", "s", "serviceEndpoint", "r", "routingKeys", "a", "accept");

  private PeerServiceCodec() {}

  /** The id a service without one gets: {@code #service}, then {@code #service-1}, ... */
  static String defaultId(int idlessSoFar) {
    return idlessSoFar == 0 ? "#service" : "#service-" + idlessSoFar;
  }

  static String encode(Service service, boolean writeId) {
    ObjectNode n = StrictJson.MAPPER.createObjectNode();
    switch (service) {
      case DidCommMessagingService dm -> {
        n.put("t", "dm");
        ObjectNode s = n.putObject("s");
        s.put("uri", dm.uri());
        ArrayNode a = s.putArray("a");
        dm.accept().forEach(a::add);
        ArrayNode r = s.putArray("r");
        dm.routingKeys().forEach(r::add);
      }
      case OtherService other -> {
        n.put("t", other.type());
        try {
          n.set("s", abbreviate(StrictJson.MAPPER.readTree(other.serviceEndpointJson())));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IllegalStateException("OtherService holds JSON it was built from", e);
        }
      }
    }
    if (writeId) {
      n.put("id", service.id());
    }
    return Base64Url.encode(StrictJson.write(n).getBytes(StandardCharsets.UTF_8));
  }

  /** A decoded service and whether its JSON carried an explicit id. */
  record Decoded(Service service, boolean hadId) {}

  /**
   * Decodes one element (without the {@code .S}); {@code idlessSoFar} is the number of earlier
   * services that had no id, which fixes the default id this one gets if it has none.
   */
  static Decoded decode(String encoded, int idlessSoFar) throws DidException {
    if (encoded.length() > MAX_SERVICE_JSON_CHARS * 4 / 3 + 4) {
      throw new InputTooLargeException("did:peer:2 service element is " + encoded.length()
          + " characters; the limit is " + (MAX_SERVICE_JSON_CHARS * 4 / 3 + 4));
    }
    String json = new String(Base64Url.decode(encoded, "did:peer:2 service"), StandardCharsets.UTF_8);
    JsonNode parsed = StrictJson.parse(json, MAX_SERVICE_JSON_CHARS, "did:peer:2 service");
    if (!parsed.isObject()) {
      throw new InvalidServiceException("did:peer:2 service must be a JSON object, got "
          + parsed.getNodeType());
    }
    ObjectNode node = (ObjectNode) expand(parsed);
    String id;
    JsonNode idNode = node.get("id");
    if (idNode == null) {
      id = defaultId(idlessSoFar);
    } else if (!idNode.isTextual() || !idNode.textValue().startsWith("#")) {
      throw new InvalidServiceException(
          "did:peer:2 service id must be a relative reference like \"#service-1\", got " + idNode);
    } else {
      id = idNode.textValue();
    }
    JsonNode type = node.get("type");
    if (type == null || !type.isTextual()) {
      throw new InvalidServiceException("did:peer:2 service has no string \"t\" (type) member");
    }
    JsonNode endpoint = node.get("serviceEndpoint");
    if (endpoint == null) {
      throw new InvalidServiceException("did:peer:2 service has no \"s\" (serviceEndpoint) member");
    }
    boolean hadId = idNode != null;
    if (!type.textValue().equals(DidCommMessagingService.TYPE)) {
      return new Decoded(new OtherService(id, type.textValue(), StrictJson.write(endpoint)), hadId);
    }
    if (endpoint.isTextual()) {
      // Pre-2023 encoding: the endpoint is the URI, routingKeys and accept sit beside it.
      return new Decoded(new DidCommMessagingService(id, uri(endpoint), strings(node, "accept"),
          strings(node, "routingKeys")), hadId);
    }
    if (!endpoint.isObject()) {
      throw new InvalidServiceException(
          "DIDCommMessaging serviceEndpoint must be a URI string or an object with \"uri\"");
    }
    return new Decoded(new DidCommMessagingService(id, uri(endpoint.get("uri")),
        strings(endpoint, "accept"), strings(endpoint, "routingKeys")), hadId);
  }

  private static String uri(JsonNode node) throws InvalidServiceException {
    if (node == null || !node.isTextual() || node.textValue().isBlank()) {
      throw new InvalidServiceException("DIDCommMessaging service has no endpoint \"uri\" string");
    }
    return node.textValue();
  }

  private static List<String> strings(JsonNode parent, String name) throws DidException {
    JsonNode list = parent.get(name);
    if (list == null) {
      return List.of();
    }
    if (!list.isArray()) {
      throw new InvalidServiceException("DIDCommMessaging \"" + name + "\" must be an array of strings");
    }
    if (list.size() > MAX_LIST_ENTRIES) {
      throw new InputTooLargeException("DIDCommMessaging \"" + name + "\" has " + list.size()
          + " entries; the limit is " + MAX_LIST_ENTRIES);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : list) {
      if (!e.isTextual()) {
        throw new InvalidServiceException("DIDCommMessaging \"" + name + "\" must hold only strings");
      }
      out.add(e.textValue());
    }
    return out;
  }

  private static JsonNode expand(JsonNode node) {
    return rename(node, EXPAND, "dm", DidCommMessagingService.TYPE);
  }

  private static JsonNode abbreviate(JsonNode node) {
    return rename(node, ABBREVIATE, DidCommMessagingService.TYPE, "dm");
  }

  /** Recursively renames object keys and the value of {@code type}/{@code t} members. */
  private static JsonNode rename(JsonNode node, Map<String, String> keys, String typeFrom,
      String typeTo) {
    if (node.isArray()) {
      ArrayNode out = StrictJson.MAPPER.createArrayNode();
      node.forEach(e -> out.add(rename(e, keys, typeFrom, typeTo)));
      return out;
    }
    if (!node.isObject()) {
      return node;
    }
    ObjectNode out = StrictJson.MAPPER.createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = keys.getOrDefault(e.getKey(), e.getKey());
      JsonNode value = e.getValue();
      boolean isType = key.equals("type") || key.equals("t");
      if (isType && value.isTextual() && value.textValue().equals(typeFrom)) {
        out.put(key, typeTo);
      } else {
        out.set(key, rename(value, keys, typeFrom, typeTo));
      }
    }
    return out;
  }
}
