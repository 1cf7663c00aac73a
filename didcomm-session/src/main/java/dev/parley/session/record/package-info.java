/** Session records: ChaCha20-Poly1305 with an explicit 64-bit counter, a 4096-wide replay window, epochs and rekeying.
 *  Must not depend on the handshake's internals, DIDComm, channels or the network. */
package dev.parley.session.record;
