/** NAT check: does UDP work, what is our mapped address, is the mapping endpoint-independent, what is the RTT.
 *  Depends only on {@code dev.parley.nat.stun}; must not depend on ICE, the relay or links. */
package dev.parley.nat.check;
