package dev.parley.mediator.protocol;

import dev.parley.didcomm.message.Message;
import java.util.Objects;
import java.util.Optional;

/**
 * An opened inbound message.
 *
 * @param message the plaintext
 * @param authenticatedSender the DID proved by authcrypt or a signature; empty for anonymous and plaintext
 *     messages, whose {@code from} header is only a claim
 * @param encrypted whether at least one encryption layer was removed
 */
public record Inbound(Message message, Optional<String> authenticatedSender, boolean encrypted) {
    public Inbound {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(authenticatedSender, "authenticatedSender");
    }
}
