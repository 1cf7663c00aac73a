package dev.parley.did.key;

import dev.parley.did.Did;
import dev.parley.did.DidDocument;
import dev.parley.did.DidException;
import dev.parley.did.DidMethod;
import dev.parley.did.MalformedDidException;
import dev.parley.did.PublicKeyFormat;
import dev.parley.did.VerificationMethod;
import dev.parley.did.VerificationRelationship;
import dev.parley.did.crypto.KeyType;
import dev.parley.did.crypto.PublicKey;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * did:key: the DID is {@code did:key:} + the key's multibase multicodec form, and the document
 * is expanded from the key alone (did:key spec, "Document Creation Algorithm").
 *
 * <p>Ed25519 keys get a second, derived X25519 method for {@code keyAgreement}
 * (enableEncryptionKeyDerivation); X25519 keys only {@code keyAgreement}; EC keys every
 * relationship including {@code keyAgreement}, as in the published test vectors. Immutable
 * and thread-safe.
 */
public final class DidKeyMethod implements DidMethod {

  public static final String DID_CONTEXT = "https://www.w3.org/ns/did/v1";

  private final PublicKeyFormat format;

  /** A driver producing {@link PublicKeyFormat#MULTIKEY} documents (found by ServiceLoader). */
  public DidKeyMethod() {
    this(PublicKeyFormat.MULTIKEY);
  }

  public DidKeyMethod(PublicKeyFormat format) {
    this.format = Objects.requireNonNull(format, "format");
  }

  @Override
  public String name() {
    return "key";
  }

  /** The did:key of {@code key}. */
  public static Did create(PublicKey key) {
    return new Did("key", key.toMultibase());
  }

  /** The public key a did:key encodes. */
  public static PublicKey publicKey(Did did) throws DidException {
    if (!did.method().equals("key")) {
      throw new MalformedDidException("\"" + did + "\" is not a did:key");
    }
    String msid = did.methodSpecificId();
    if (msid.indexOf(':') >= 0) {
      throw new MalformedDidException("did:key \"" + did
          + "\" has a version or extra ':' component; only did:key:z<key> is supported");
    }
    return PublicKey.fromMultibase(msid);
  }

  @Override
  public DidDocument resolve(Did did) throws DidException {
    return document(did, publicKey(did), format);
  }

  /**
   * Expands {@code key} into the document of {@code did} (also used for did:peer:0, which
   * encodes one key exactly as did:key does). Verification method ids are
   * {@code did#<multibase>}.
   */
  public static DidDocument document(Did did, PublicKey key, PublicKeyFormat format)
      throws DidException {
    List<VerificationMethod> methods = new ArrayList<>();
    Map<VerificationRelationship, List<String>> rel = new EnumMap<>(VerificationRelationship.class);
    VerificationMethod primary = method(did, key, format);
    methods.add(primary);
    if (key.type() == KeyType.X25519) {
      rel.put(VerificationRelationship.KEY_AGREEMENT, List.of(primary.id()));
    } else {
      for (VerificationRelationship r : VerificationRelationship.values()) {
        rel.put(r, List.of(primary.id()));
      }
      if (key.type() == KeyType.ED25519) {
        VerificationMethod agreement = method(did, key.deriveX25519(), format);
        methods.add(agreement);
        rel.put(VerificationRelationship.KEY_AGREEMENT, List.of(agreement.id()));
      }
    }
    LinkedHashSet<String> context = new LinkedHashSet<>();
    context.add(DID_CONTEXT);
    for (VerificationMethod m : methods) {
      context.add(format.context(m.publicKey().type()));
    }
    return new DidDocument(did, List.copyOf(context), List.of(), methods, rel, List.of());
  }

  private static VerificationMethod method(Did did, PublicKey key, PublicKeyFormat format) {
    return new VerificationMethod(did + "#" + key.toMultibase(), did, key, format);
  }
}
