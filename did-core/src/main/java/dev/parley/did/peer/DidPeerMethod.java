package dev.parley.did.peer;

import dev.parley.did.Did;
import dev.parley.did.DidDocument;
import dev.parley.did.DidException;
import dev.parley.did.DidMethod;
import dev.parley.did.InputTooLargeException;
import dev.parley.did.InvalidServiceException;
import dev.parley.did.MalformedDidException;
import dev.parley.did.PublicKeyFormat;
import dev.parley.did.Service;
import dev.parley.did.VerificationMethod;
import dev.parley.did.VerificationRelationship;
import dev.parley.did.crypto.PublicKey;
import dev.parley.did.key.DidKeyMethod;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves did:peer numalgo 0 (as did:key) and numalgo 2 (DIF spec, "Resolving a
 * did:peer:2"): {@code Multikey} methods with ids {@code #key-1}, {@code #key-2}, ... in DID
 * order, services with abbreviations expanded, and the did:peer:3 form in {@code alsoKnownAs}.
 * Stateless and thread-safe.
 */
public final class DidPeerMethod implements DidMethod {

  static final List<String> CONTEXT = List.of(
      DidKeyMethod.DID_CONTEXT, "https://w3id.org/security/multikey/v1");

  @Override
  public String name() {
    return "peer";
  }

  @Override
  public DidDocument resolve(Did did) throws DidException {
    if (!did.method().equals("peer")) {
      throw new MalformedDidException("\"" + did + "\" is not a did:peer");
    }
    String msid = did.methodSpecificId();
    char numalgo = msid.charAt(0);
    return switch (numalgo) {
      case '0' -> DidKeyMethod.document(did, PublicKey.fromMultibase(msid.substring(1)),
          PublicKeyFormat.MULTIKEY);
      case '2' -> resolveNumalgo2(did);
      default -> throw new MalformedDidException("did:peer numalgo '" + numalgo
          + "' is not supported; Parley resolves numalgo 0 and 2");
    };
  }

  private static DidDocument resolveNumalgo2(Did did) throws DidException {
    String msid = did.methodSpecificId();
    if (msid.length() < 2 || msid.charAt(1) != '.') {
      throw new MalformedDidException("did:peer:2 must continue with '.' and an element");
    }
    String[] elements = msid.substring(2).split("\\.", -1);
    if (elements.length > DidPeer.MAX_ELEMENTS) {
      throw new InputTooLargeException("did:peer:2 has " + elements.length
          + " elements; the limit is " + DidPeer.MAX_ELEMENTS);
    }
    List<VerificationMethod> methods = new ArrayList<>();
    Map<VerificationRelationship, List<String>> rel = new EnumMap<>(VerificationRelationship.class);
    List<Service> services = new ArrayList<>();
    Set<String> serviceIds = new HashSet<>();
    int idless = 0;
    for (int i = 0; i < elements.length; i++) {
      String element = elements[i];
      if (element.length() < 2) {
        throw new MalformedDidException("did:peer:2 element " + (i + 1) + " is empty or has no value");
      }
      char code = element.charAt(0);
      String value = element.substring(1);
      if (code == 'S') {
        PeerServiceCodec.Decoded decoded = PeerServiceCodec.decode(value, idless);
        Service s = decoded.service();
        if (!decoded.hadId()) {
          idless++;
        }
        if (!serviceIds.add(s.id())) {
          throw new InvalidServiceException("did:peer:2 has two services with id " + s.id());
        }
        services.add(s);
        continue;
      }
      Purpose purpose = Purpose.fromCode(code);
      if (purpose == null) {
        throw new MalformedDidException("did:peer:2 element " + (i + 1) + " has purpose code '"
            + code + "'; expected one of A, E, V, I, D, S");
      }
      PublicKey key = PublicKey.fromMultibase(value);
      DidPeer.checkPurpose(purpose, key);
      String id = "#key-" + (methods.size() + 1);
      methods.add(new VerificationMethod(id, did, key, PublicKeyFormat.MULTIKEY));
      rel.computeIfAbsent(purpose.relationship(), r -> new ArrayList<>()).add(id);
    }
    if (methods.isEmpty()) {
      throw new MalformedDidException("did:peer:2 has no key elements; at least one is required");
    }
    return new DidDocument(did, CONTEXT, List.of(DidPeer.numalgo3(did).toString()), methods, rel,
        services);
  }
}
