/** A small Noise Protocol Framework engine (revision 34): DH 25519, ChaChaPoly, SHA-256, patterns NN, IN and IK.
 *  Must not depend on DIDs, DIDComm or the record layer; only the JDK and did-core's X25519 keys. */
package dev.parley.session.handshake.internal;
