/**
 * The did:peer method, numalgo 0 and 2 (DIF peer-did-method-spec): create and resolve, with
 * typed DIDCommMessaging services. Must not depend on the keystore.
 */
package dev.parley.did.peer;
