/** Peer-to-peer datagram links: offer/answer of opaque candidate blobs, ICE for the best direct path, the relay
 *  as an immediate fallback. Must not depend on DIDs, DIDComm or session crypto (they are carried over it). */
package dev.parley.nat.link;
