/** Runs sessions over nat-traversal links: the {@code DatagramLink} adapter and the upgrade's path makers, plain or
 *  fed by a mediator's STUN and relay. Must not depend on DIDComm envelopes; of the mediator client it uses only
 *  relay allocation and NAT configuration. */
package dev.parley.session.link;
