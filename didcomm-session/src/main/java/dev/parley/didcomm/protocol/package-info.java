/** Routes plaintext DIDComm messages to protocol handlers by type URI, builds threaded replies, and turns
 *  every failure into a report-problem 2.0 reply. Depends on message and envelope; never on transports. */
package dev.parley.didcomm.protocol;
