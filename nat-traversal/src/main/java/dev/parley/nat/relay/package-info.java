/** Transport-agnostic relay core: HMAC-bound allocation tokens, blind forwarding of opaque frames between the
 *  two peers of an allocation, per-allocation rate, byte and lifetime limits. Must not depend on Jetty or ICE. */
package dev.parley.nat.relay;
