package dev.parley.didcomm.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.didcomm.envelope.UnpackMetadata;
import dev.parley.didcomm.message.Message;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * A message handed to a protocol handler, with what unpacking proved about it and a way to build threaded
 * replies (same {@code thid}, {@code from} and {@code to} swapped, fresh id, {@code created_time} now).
 * Immutable.
 *
 * @param message the plaintext message
 * @param metadata unpack metadata (whether it was encrypted, who authenticated it)
 * @param localDid this agent's DID the message was addressed to, used as the {@code from} of replies
 * @param ids makes the ids of replies
 * @param clock stamps the {@code created_time} of replies
 */
public record Inbound(Message message, UnpackMetadata metadata, String localDid, MessageIds ids, Clock clock) {

    public Inbound {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(clock, "clock");
    }

    /** A reply of {@code type} with {@code body} in this message's thread. */
    public Message reply(String type, JsonNode body) {
        Message.Builder b = Message.builder(ids.next(), type).thid(message.threadId()).body(body)
                .createdTime(clock.instant());
        if (message.pthid() != null) {
            b.pthid(message.pthid());
        }
        if (localDid != null) {
            b.from(localDid);
        }
        if (message.from() != null) {
            b.to(List.of(message.from()));
        }
        return b.build();
    }
}
