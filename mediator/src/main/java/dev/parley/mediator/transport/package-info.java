/** The mediator's HTTP and WebSocket edge on Jetty 12: size, rate and content-type checks, then the engine.
 *  Must not depend on SQLite or on protocol details: it moves bytes and HTTP statuses only. */
package dev.parley.mediator.transport;
