package dev.parley.didcomm.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A DIDComm v2 plaintext message (the JWM of "Message Structure").
 *
 * <p>Immutable: lists and maps are copied, the {@code body} tree is deep-copied on construction and must
 * not be mutated through {@link #body()}. Optional headers are {@code null} when absent; {@link #to()}
 * is empty when absent. Headers this class does not model are kept verbatim in {@link #extraHeaders()}
 * (for example {@code return_route}, {@code please_ack}, {@code ack}) and written back unchanged.
 *
 * @param id unique message id (required)
 * @param type message type URI (required)
 * @param from sender DID, or null for an anonymous message
 * @param to recipient DIDs, empty when absent
 * @param thid thread id, or null (then the thread id is {@link #id})
 * @param pthid parent thread id, or null
 * @param createdTime {@code created_time}, or null
 * @param expiresTime {@code expires_time}, or null
 * @param body the message body, a JSON object
 * @param attachments attachments, possibly empty
 * @param fromPrior the {@code from_prior} DID rotation JWT (compact JWS), or null
 * @param extraHeaders unknown headers, preserved in order
 */
public record Message(
        String id,
        String type,
        String from,
        List<String> to,
        String thid,
        String pthid,
        Instant createdTime,
        Instant expiresTime,
        JsonNode body,
        List<Attachment> attachments,
        String fromPrior,
        Map<String, JsonNode> extraHeaders) {

    /** The media type of a plaintext message, the value of its {@code typ} header. */
    public static final String PLAINTEXT_MEDIA_TYPE = "application/didcomm-plain+json";

    /** Headers with a meaning in this class; they can never appear in {@link #extraHeaders()}. */
    public static final Set<String> RESERVED_HEADERS = Set.of("id", "typ", "type", "from", "to", "thid", "pthid",
            "created_time", "expires_time", "body", "attachments", "from_prior");

    public Message {
        requireText(id, "id");
        requireText(type, "type");
        to = to == null ? List.of() : List.copyOf(to);
        body = body == null ? JsonNodeFactory.instance.objectNode() : body.deepCopy();
        if (!body.isObject()) {
            throw new IllegalArgumentException("message body must be a JSON object");
        }
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        if (extraHeaders != null) {
            for (Map.Entry<String, JsonNode> e : extraHeaders.entrySet()) {
                if (RESERVED_HEADERS.contains(e.getKey())) {
                    throw new IllegalArgumentException("extra header '" + e.getKey()
                            + "' is a standard header; set it through its own field");
                }
                extra.put(e.getKey(), e.getValue().deepCopy());
            }
        }
        extraHeaders = java.util.Collections.unmodifiableMap(extra);
    }

    private static void requireText(String v, String name) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("message " + name + " is required and must not be blank");
        }
    }

    /** The thread this message belongs to: {@code thid}, or its own id when it starts a thread. */
    public String threadId() {
        return thid != null ? thid : id;
    }

    /** The sender DID when present. */
    public Optional<String> fromDid() {
        return Optional.ofNullable(from);
    }

    /** An unknown header by name. */
    public Optional<JsonNode> extraHeader(String name) {
        return Optional.ofNullable(extraHeaders.get(name));
    }

    /** A builder preset with this message's values. */
    public Builder toBuilder() {
        Builder b = new Builder(id, type);
        b.from = from;
        b.to = to;
        b.thid = thid;
        b.pthid = pthid;
        b.createdTime = createdTime;
        b.expiresTime = expiresTime;
        b.body = body;
        b.attachments = attachments;
        b.fromPrior = fromPrior;
        b.extraHeaders = new LinkedHashMap<>(extraHeaders);
        return b;
    }

    /** Starts a message with its two required headers. */
    public static Builder builder(String id, String type) {
        return new Builder(id, type);
    }

    /** Mutable builder; not thread-safe. */
    public static final class Builder {
        private String id;
        private final String type;
        private String from;
        private List<String> to = List.of();
        private String thid;
        private String pthid;
        private Instant createdTime;
        private Instant expiresTime;
        private JsonNode body;
        private List<Attachment> attachments = List.of();
        private String fromPrior;
        private Map<String, JsonNode> extraHeaders = new LinkedHashMap<>();

        private Builder(String id, String type) {
            this.id = id;
            this.type = Objects.requireNonNull(type, "type");
        }

        public Builder id(String v) {
            this.id = v;
            return this;
        }

        public Builder from(String v) {
            this.from = v;
            return this;
        }

        public Builder to(List<String> v) {
            this.to = v;
            return this;
        }

        public Builder thid(String v) {
            this.thid = v;
            return this;
        }

        public Builder pthid(String v) {
            this.pthid = v;
            return this;
        }

        public Builder createdTime(Instant v) {
            this.createdTime = v;
            return this;
        }

        public Builder expiresTime(Instant v) {
            this.expiresTime = v;
            return this;
        }

        public Builder body(JsonNode v) {
            this.body = v;
            return this;
        }

        public Builder attachments(List<Attachment> v) {
            this.attachments = v;
            return this;
        }

        public Builder fromPrior(String v) {
            this.fromPrior = v;
            return this;
        }

        /** Adds or replaces a non-standard header such as {@code return_route}. */
        public Builder header(String name, JsonNode value) {
            this.extraHeaders.put(name, value);
            return this;
        }

        public Message build() {
            return new Message(id, type, from, to, thid, pthid, createdTime, expiresTime, body, attachments,
                    fromPrior, extraHeaders);
        }
    }
}
