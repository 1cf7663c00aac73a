/** Relay allocation and STUN advertisement for mediated DIDs (Parley's relay/1.0 DIDComm protocol).
 *  Must not depend on the mediator's transports or store; the engine calls it through {@code ProtocolExtension}. */
package dev.parley.mediator.relay;
