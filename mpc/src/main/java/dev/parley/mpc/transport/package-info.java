/** How parties exchange one message per peer per round: the Transport contract, an in-memory network for tests and
 *  benchmarks, and plain loopback TCP. Must not depend on the engine, sharing or programs. */
package dev.parley.mpc.transport;
