package dev.parley.did;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.did.internal.StrictJson;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A resolved DID document (DID Core section 5) with typed verification methods and services.
 *
 * <p>Immutable. The constructor checks that every verification relationship refers to a
 * verification method of this document, so lookups through a relationship cannot dangle.
 * Relationship entries are references written exactly as in the document (absolute or relative).
 */
public record DidDocument(Did id, List<String> context, List<String> alsoKnownAs,
    List<VerificationMethod> verificationMethods,
    Map<VerificationRelationship, List<String>> relationships, List<Service> services) {

  public DidDocument {
    Objects.requireNonNull(id, "id");
    context = List.copyOf(context);
    alsoKnownAs = List.copyOf(alsoKnownAs);
    verificationMethods = List.copyOf(verificationMethods);
    EnumMap<VerificationRelationship, List<String>> rel =
        new EnumMap<>(VerificationRelationship.class);
    for (VerificationRelationship r : VerificationRelationship.values()) {
      List<String> refs = List.copyOf(relationships.getOrDefault(r, List.of()));
      for (String ref : refs) {
        if (find(id, verificationMethods, ref).isEmpty()) {
          throw new IllegalArgumentException(
              r.jsonName() + " refers to " + ref + ", which is not a verification method");
        }
      }
      rel.put(r, refs);
    }
    relationships = java.util.Collections.unmodifiableMap(rel);
    services = List.copyOf(services);
  }

  /**
   * Finds a verification method by reference: an absolute DID URL of this document, a relative
   * {@code #fragment} or a bare fragment. For compatibility with older did:peer and did:key
   * producers, a fragment that is the key's multibase (with or without the leading {@code z})
   * also matches, so both {@code #key-1} and {@code #6LS...} style ids resolve.
   */
  public Optional<VerificationMethod> findVerificationMethod(String reference) {
    return find(id, verificationMethods, reference);
  }

  /** As {@link #findVerificationMethod} but failing with a message naming the reference. */
  public VerificationMethod verificationMethod(String reference)
      throws VerificationMethodNotFoundException {
    return findVerificationMethod(reference).orElseThrow(() ->
        new VerificationMethodNotFoundException("DID document " + Did.shorten(id.toString())
            + " has no verification method \"" + Did.shorten(reference) + "\""));
  }

  /** The verification methods a relationship refers to, in document order. */
  public List<VerificationMethod> methods(VerificationRelationship relationship) {
    List<VerificationMethod> out = new ArrayList<>();
    for (String ref : relationships.get(relationship)) {
      out.add(find(id, verificationMethods, ref).orElseThrow());
    }
    return List.copyOf(out);
  }

  public List<VerificationMethod> keyAgreementMethods() {
    return methods(VerificationRelationship.KEY_AGREEMENT);
  }

  public List<VerificationMethod> authenticationMethods() {
    return methods(VerificationRelationship.AUTHENTICATION);
  }

  /** The DIDComm v2 messaging services, in document order. */
  public List<DidCommMessagingService> didCommServices() {
    List<DidCommMessagingService> out = new ArrayList<>();
    for (Service s : services) {
      if (s instanceof DidCommMessagingService dm) {
        out.add(dm);
      }
    }
    return List.copyOf(out);
  }

  private static Optional<VerificationMethod> find(Did id, List<VerificationMethod> methods,
      String reference) {
    String fragment;
    int hash = reference.indexOf('#');
    if (hash > 0) {
      if (!reference.substring(0, hash).equals(id.toString())) {
        return Optional.empty();
      }
      fragment = reference.substring(hash + 1);
    } else {
      fragment = hash == 0 ? reference.substring(1) : reference;
    }
    for (VerificationMethod m : methods) {
      if (m.fragment().equals(fragment)) {
        return Optional.of(m);
      }
    }
    for (VerificationMethod m : methods) {
      String multibase = m.publicKey().toMultibase();
      if (multibase.equals(fragment) || multibase.substring(1).equals(fragment)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** The document as DID Core JSON (compact). */
  public String toJson() {
    return StrictJson.write(toJsonNode());
  }

  /** The document as indented DID Core JSON, for people. */
  public String toPrettyJson() {
    try {
      return StrictJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJsonNode());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("serialising an in-memory JSON tree cannot fail", e);
    }
  }

  /** The document as a Jackson tree; a fresh mutable copy on each call. */
  public ObjectNode toJsonNode() {
    ObjectNode doc = StrictJson.MAPPER.createObjectNode();
    ArrayNode ctx = doc.putArray("@context");
    context.forEach(ctx::add);
    doc.put("id", id.toString());
    if (!alsoKnownAs.isEmpty()) {
      ArrayNode aka = doc.putArray("alsoKnownAs");
      alsoKnownAs.forEach(aka::add);
    }
    ArrayNode vms = doc.putArray("verificationMethod");
    for (VerificationMethod m : verificationMethods) {
      ObjectNode vm = vms.addObject();
      vm.put("id", m.id());
      vm.put("type", m.type());
      vm.put("controller", m.controller().toString());
      switch (m.format()) {
        case MULTIKEY -> vm.put("publicKeyMultibase", m.publicKey().toMultibase());
        case JSON_WEB_KEY_2020 -> vm.set("publicKeyJwk", m.publicKey().toJwk().toJsonNode());
        case LEGACY_BASE58 -> vm.put("publicKeyBase58", m.publicKey().toBase58());
      }
    }
    for (Map.Entry<VerificationRelationship, List<String>> e : relationships.entrySet()) {
      if (!e.getValue().isEmpty()) {
        ArrayNode refs = doc.putArray(e.getKey().jsonName());
        e.getValue().forEach(refs::add);
      }
    }
    if (!services.isEmpty()) {
      ArrayNode svcs = doc.putArray("service");
      for (Service s : services) {
        ObjectNode svc = svcs.addObject();
        svc.put("id", s.id());
        svc.put("type", s.type());
        switch (s) {
          case DidCommMessagingService dm -> {
            ObjectNode ep = svc.putObject("serviceEndpoint");
            ep.put("uri", dm.uri());
            ArrayNode accept = ep.putArray("accept");
            dm.accept().forEach(accept::add);
            ArrayNode routing = ep.putArray("routingKeys");
            dm.routingKeys().forEach(routing::add);
          }
          case OtherService other -> svc.set("serviceEndpoint", parseTrusted(other.serviceEndpointJson()));
        }
      }
    }
    return doc;
  }

  private static JsonNode parseTrusted(String json) {
    try {
      return StrictJson.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("OtherService holds JSON it was built from", e);
    }
  }
}
