/** Durable mediator state (mediations, recipient keys, the message queue, short links, seen ids) behind
 *  one interface so another backend can follow SQLite. Must not depend on Jetty or on DIDComm envelopes. */
package dev.parley.mediator.store;
