/**
 * The did:key method (w3c-ccg did-method-key): create a DID from a public key, expand it into
 * its DID document. Must not depend on did:peer or the keystore.
 */
package dev.parley.did.key;
