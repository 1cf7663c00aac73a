/** The session API: a {@link dev.parley.session.Session} runs an established handshake's records and channels over a
 *  {@link dev.parley.session.DatagramTransport} on its own I/O thread. Must not depend on DIDComm envelopes. */
package dev.parley.session;
