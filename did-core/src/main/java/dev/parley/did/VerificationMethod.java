package dev.parley.did;

import dev.parley.did.crypto.PublicKey;
import java.util.Objects;

/**
 * A verification method of a DID document: its id exactly as the document writes it (absolute,
 * {@code did:key:z6Mk...#z6Mk...}, or relative, {@code #key-1}), its controller, its typed
 * public key and the format the document expresses the key in. Immutable.
 */
public record VerificationMethod(String id, Did controller, PublicKey publicKey,
    PublicKeyFormat format) {

  public VerificationMethod {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(controller, "controller");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(format, "format");
  }

  /** The {@code type} property, e.g. {@code Multikey} or {@code JsonWebKey2020}. */
  public String type() {
    return format.typeName(publicKey.type());
  }

  /** The fragment of the id (the part after '#'). */
  public String fragment() {
    int hash = id.indexOf('#');
    return hash < 0 ? id : id.substring(hash + 1);
  }

  /** The id as an absolute DID URL, resolving a relative id against the controller. */
  public DidUrl absoluteId() {
    return DidUrl.of(controller, fragment());
  }
}
