/** basicmessage 2.0: human chat text. Depends on the protocol dispatcher types and the message model only. */
package dev.parley.didcomm.protocol.basicmessage;
