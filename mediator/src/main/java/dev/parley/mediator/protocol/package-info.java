/** The mediator's DIDComm protocols (coordinate-mediation 2.0/3.0, routing 2.0, pickup 3.0/4.0, trust-ping,
 *  discover-features, shorten-url) over a transport-neutral engine. Must not depend on Jetty or SQLite. */
package dev.parley.mediator.protocol;
