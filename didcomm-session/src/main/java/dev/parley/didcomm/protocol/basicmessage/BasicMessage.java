package dev.parley.didcomm.protocol.basicmessage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parley.didcomm.message.InvalidMessageException;
import dev.parley.didcomm.message.Message;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A basicmessage 2.0 chat message. Immutable.
 *
 * @param from sender DID
 * @param content the text
 * @param lang language tag from the {@code lang} header, or null
 * @param sentTime {@code created_time} (required by the protocol)
 */
public record BasicMessage(String from, String content, String lang, Instant sentTime) {

    public static final String PIURI = "https://didcomm.org/basicmessage/2.0";
    public static final String TYPE = PIURI + "/message";
    /** Longest accepted content, in characters. */
    public static final int MAX_CONTENT_CHARS = 64 * 1024;

    public BasicMessage {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(sentTime, "sentTime");
    }

    /** The message to send. */
    public Message toMessage(String id, List<String> to) {
        Message.Builder b = Message.builder(id, TYPE).from(from).to(to).createdTime(sentTime)
                .body(JsonNodeFactory.instance.objectNode().put("content", content));
        if (lang != null) {
            b.header("lang", JsonNodeFactory.instance.textNode(lang));
        }
        return b.build();
    }

    /** Reads and validates a received basic message. */
    public static BasicMessage fromMessage(Message m) throws InvalidMessageException {
        if (!TYPE.equals(m.type())) {
            throw new InvalidMessageException("not a basic message: " + m.type());
        }
        JsonNode c = m.body().get("content");
        if (c == null || !c.isTextual()) {
            throw new InvalidMessageException("basic message lacks a string \"content\"");
        }
        if (c.textValue().length() > MAX_CONTENT_CHARS) {
            throw new InvalidMessageException("basic message content exceeds " + MAX_CONTENT_CHARS + " characters");
        }
        if (m.createdTime() == null) {
            throw new InvalidMessageException("basic message lacks the required created_time");
        }
        JsonNode lang = m.extraHeader("lang").orElse(null);
        if (lang != null && !lang.isTextual()) {
            throw new InvalidMessageException("basic message lang must be a string");
        }
        return new BasicMessage(m.from(), c.textValue(), lang == null ? null : lang.textValue(), m.createdTime());
    }
}
