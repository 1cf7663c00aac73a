/** The mediator's own did:peer:2 identity and relay secret (kept in the data directory, 0600) and the envelope
 *  codec that opens and seals DIDComm messages with it. Must not depend on Jetty, SQLite or protocols. */
package dev.parley.mediator.identity;
