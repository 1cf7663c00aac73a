package dev.parley.mediator.protocol;

import dev.parley.didcomm.message.Message;
import dev.parley.didcomm.problem.DidCommException;

/**
 * Opens inbound envelopes addressed to the mediator and seals its replies. The production implementation
 * adapts didcomm-session's packer and unpacker to the mediator's own identity; the engine sees only this.
 * Implementations are thread-safe.
 */
public interface EnvelopeCodec {

    /**
     * Decrypts and verifies {@code envelope} (plaintext, signed, anoncrypt, authcrypt or nested).
     *
     * @throws DidCommException with the problem code to report (crypto, malformed, expired ...)
     */
    Inbound open(byte[] envelope) throws DidCommException;

    /**
     * Encrypts a reply for {@code toDid}: authcrypt from the mediator when the recipient's DID resolves.
     *
     * @return the envelope bytes, media type {@code application/didcomm-encrypted+json}
     */
    byte[] seal(Message reply, String toDid) throws DidCommException;
}
