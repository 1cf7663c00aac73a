/** Reliable, ordered, multiplexed channels over session records, as a sans-I/O engine (time and datagrams passed in):
 *  SACK, RFC 6298 retransmission timeouts, NewReno-style congestion control, per-channel flow control.
 *  Must not depend on threads, sockets, DIDComm or the handshake. */
package dev.parley.session.channel;
