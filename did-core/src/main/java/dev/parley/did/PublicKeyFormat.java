package dev.parley.did;

import dev.parley.did.crypto.KeyType;

/**
 * How a verification method expresses its key (did:key's {@code publicKeyFormat} option).
 *
 * <ul>
 *   <li>{@link #MULTIKEY}: type {@code Multikey} with {@code publicKeyMultibase} (current
 *       did:key and did:peer:2 form).
 *   <li>{@link #JSON_WEB_KEY_2020}: type {@code JsonWebKey2020} with {@code publicKeyJwk}.
 *   <li>{@link #LEGACY_BASE58}: the per-curve 2018/2019/2021 suite types with
 *       {@code publicKeyBase58}, as in the w3c-ccg did:key test vectors; resolve-compatibility
 *       with older peers only.
 * </ul>
 */
public enum PublicKeyFormat {
  MULTIKEY,
  JSON_WEB_KEY_2020,
  LEGACY_BASE58;

  /** The verification method {@code type} for a key of {@code keyType} in this format. */
  public String typeName(KeyType keyType) {
    return switch (this) {
      case MULTIKEY -> "Multikey";
      case JSON_WEB_KEY_2020 -> "JsonWebKey2020";
      case LEGACY_BASE58 -> switch (keyType) {
        case ED25519 -> "Ed25519VerificationKey2018";
        case X25519 -> "X25519KeyAgreementKey2019";
        case SECP256K1 -> "EcdsaSecp256k1VerificationKey2019";
        case P256 -> "P256Key2021";
        case P384 -> "P384Key2021";
        case P521 -> "P521Key2021";
      };
    };
  }

  /** The JSON-LD context that defines {@link #typeName(KeyType)}. */
  public String context(KeyType keyType) {
    return switch (this) {
      case MULTIKEY -> "https://w3id.org/security/multikey/v1";
      case JSON_WEB_KEY_2020 -> "https://w3id.org/security/suites/jws-2020/v1";
      case LEGACY_BASE58 -> switch (keyType) {
        case ED25519 -> "https://w3id.org/security/suites/ed25519-2018/v1";
        case X25519 -> "https://w3id.org/security/suites/x25519-2019/v1";
        case SECP256K1 -> "https://w3id.org/security/suites/secp256k1-2019/v1";
        case P256, P384, P521 -> "https://w3id.org/security/suites/multikey-2021/v1";
      };
    };
  }
}
