/**
 * Typed keys (Ed25519, X25519, P-256; resolve-only P-384, P-521, secp256k1), signatures, key
 * agreement, JWK and multibase/multicodec conversion. Must not depend on DID methods, documents
 * or the keystore; it uses only the exception types of {@code dev.parley.did}.
 */
package dev.parley.did.crypto;
