/** Link implementation: the ice4j wrapper, the path-switching link, consent freshness, link framing and RTT.
 *  Not an API; must not be used outside {@code dev.parley.nat.link}. */
package dev.parley.nat.link.internal;
