/** Peer-to-peer datagram links: offer/answer of opaque candidate blobs, ICE for the best direct path, the relay
 *  as the immediate first path and the fallback when a direct path dies. Must not depend on DIDs, DIDComm or session crypto (they are carried over it). */
package dev.parley.nat.link;
