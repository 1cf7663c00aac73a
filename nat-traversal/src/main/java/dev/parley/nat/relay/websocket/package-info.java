/** WebSocket transport for the relay: a Jetty 12 endpoint the mediator mounts, a standalone server, and a JDK client.
 *  Depends on {@code dev.parley.nat.relay} and Jetty; must not depend on ICE or links. */
package dev.parley.nat.relay.websocket;
