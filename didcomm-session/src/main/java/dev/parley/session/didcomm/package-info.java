/** The DIDComm carriage of the session handshake (docs/protocol/session.md section 1): propose, accept, reject and
 *  close messages, glare resolution and invitations. Depends on the DIDComm message model, never on transports. */
package dev.parley.session.didcomm;
