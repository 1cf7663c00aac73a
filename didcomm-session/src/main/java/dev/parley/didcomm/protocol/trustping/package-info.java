/** trust-ping 2.0: answer pings, build pings. Depends on the protocol dispatcher types and the message model only. */
package dev.parley.didcomm.protocol.trustping;
