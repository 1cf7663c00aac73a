/** Standalone STUN + relay server process for the NAT lab and small deployments (the mediator embeds the parts).
 *  Depends on {@code stun} and {@code relay}; must not depend on links or ICE. */
package dev.parley.nat.server;
