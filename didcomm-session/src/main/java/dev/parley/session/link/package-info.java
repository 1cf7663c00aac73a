/** Runs sessions over nat-traversal links: the {@code DatagramLink} adapter and the upgrade's path makers.
 *  Must not depend on DIDComm envelopes or the mediator client. */
package dev.parley.session.link;
