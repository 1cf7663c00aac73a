package dev.parley.didcomm.routing;

import dev.parley.didcomm.envelope.UnpackMetadata;
import dev.parley.didcomm.message.Message;
import java.util.Objects;

/**
 * What a mediator must do with a forward: deliver {@link #payload()} (an opaque envelope for the next hop,
 * compact JSON) to {@link #next()}. Immutable.
 *
 * @param next the next hop: a DID, or a DID URL of a routing key
 * @param payload the attached envelope, compact JSON, to pass on unchanged
 * @param forward the decrypted forward message itself (for {@code expires_time}, {@code delay_milli})
 * @param metadata how the forward reached the mediator
 */
public record ForwardRequest(String next, String payload, Message forward, UnpackMetadata metadata) {
    public ForwardRequest {
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(forward, "forward");
        Objects.requireNonNull(metadata, "metadata");
    }
}
