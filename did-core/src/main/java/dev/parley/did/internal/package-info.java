/**
 * Encodings shared by the did-core packages (base58btc, multicodec varints, strict JSON); not API.
 * Must not depend on DID methods, documents, crypto or the keystore.
 */
package dev.parley.did.internal;
