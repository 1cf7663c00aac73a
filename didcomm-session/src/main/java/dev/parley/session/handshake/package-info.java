/** The session handshake as a pure state machine (bytes in, bytes out): Noise IK bound to two DIDs, a thread and an
 *  application fingerprint; invitations and bounded pending state. Must not depend on DIDComm, the network or threads. */
package dev.parley.session.handshake;
