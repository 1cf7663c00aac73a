package dev.parley.didcomm.envelope;

import dev.parley.didcomm.message.Message;
import java.util.Objects;

/** The result of unpacking: the plaintext message and what was proved about it. Immutable. */
public record Unpacked(Message message, UnpackMetadata metadata) {
    public Unpacked {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(metadata, "metadata");
    }
}
