/** How parties exchange one message per peer per round: the Transport contract, encrypted sessions (the real one),
 *  per-message DIDComm through the mediator (the baseline), an in-memory network and plain loopback TCP.
 *  Must not depend on the engine, sharing or programs. */
package dev.parley.mpc.transport;
