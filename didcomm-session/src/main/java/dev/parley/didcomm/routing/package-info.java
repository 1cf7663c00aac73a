/** Routing 2.0 at a mediator: unwrap a {@code forward} message and hand back the next hop and the inner
 *  envelope. Depends on the envelope API; must not depend on transports, storage or protocols. */
package dev.parley.didcomm.routing;
