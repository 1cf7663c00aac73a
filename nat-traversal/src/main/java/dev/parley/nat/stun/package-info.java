/** STUN (RFC 8489) message codec, an embeddable binding server with RFC 5780 port change, and a binding client.
 *  Must not depend on ICE, the relay or anything DID-related: it is the bottom layer of {@code dev.parley.nat}. */
package dev.parley.nat.stun;
