/** Out-of-band 2.0 invitations, the chat link: create, encode as {@code ?_oob=} URLs, parse what a chat
 *  client pasted, render as QR (PNG and terminal). Depends on the message model; never on envelopes or sessions. */
package dev.parley.didcomm.oob;
