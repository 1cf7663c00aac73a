package dev.parley.didcomm.envelope;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.didcomm.message.Message;
import dev.parley.didcomm.message.MessageCodec;
import java.util.Objects;

/** The result of unpacking: the plaintext message and what was proved about it. Immutable. */
public record Unpacked(Message message, UnpackMetadata metadata) {

    public Unpacked {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(metadata, "metadata");
    }

    /** {@code {"message": ..., "metadata": ...}}, what {@code parley didcomm unpack} prints. */
    public ObjectNode toJson(MessageCodec codec) {
        ObjectNode o = codec.json().nodes().objectNode();
        o.set("message", codec.toTree(message));
        o.set("metadata", codec.json().mapper().valueToTree(metadata));
        return o;
    }
}
