/** DIDComm v2 envelopes: pack a message plain, signed (JWS), anoncrypted or authcrypted (JWE), and unpack
 *  any of them with every check the spec requires. Must not depend on protocols, OOB or the session layer. */
package dev.parley.didcomm.envelope;
