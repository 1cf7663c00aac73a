/** The DIDComm v2 plaintext message as typed, immutable values, and its strict JSON codec.
 *  Must not depend on envelopes, DID resolution or protocols: it is the bottom of the didcomm layer. */
package dev.parley.didcomm.message;
