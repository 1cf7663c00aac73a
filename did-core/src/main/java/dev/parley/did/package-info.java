/**
 * DIDs, DID URLs, DID documents, the {@link dev.parley.did.DidMethod} SPI and the caching
 * {@link dev.parley.did.DidResolver}. Must not depend on the keystore or on any concrete method.
 */
package dev.parley.did;
