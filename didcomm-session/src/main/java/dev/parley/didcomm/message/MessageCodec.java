package dev.parley.didcomm.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.didcomm.json.JsonLimitExceededException;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.json.MalformedJsonException;
import dev.parley.didcomm.json.StrictJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Converts between {@link Message} and its JSON form. Untrusted input goes through {@link StrictJson}
 * (size, depth, duplicate keys) and is validated once here; the rest of Parley sees only typed values.
 *
 * <p>Thread-safe and immutable.
 */
public final class MessageCodec {

    private static final String WHAT = "DIDComm plaintext message";
    private final StrictJson json;

    public MessageCodec(StrictJson json) {
        this.json = Objects.requireNonNull(json, "json");
    }

    public MessageCodec(JsonLimits limits) {
        this(new StrictJson(limits));
    }

    public StrictJson json() {
        return json;
    }

    /** Parses untrusted bytes into a message. */
    public Message parse(byte[] bytes)
            throws MalformedJsonException, JsonLimitExceededException, InvalidMessageException {
        return fromTree(json.readObject(bytes, WHAT));
    }

    /** Converts an already parsed (and bounded) tree into a message. */
    public Message fromTree(ObjectNode o) throws MalformedJsonException, InvalidMessageException {
        String typ = StrictJson.optString(o, "typ", WHAT);
        if (typ != null && !typ.equals(Message.PLAINTEXT_MEDIA_TYPE)) {
            throw new InvalidMessageException("plaintext message typ is '" + typ + "'; expected '"
                    + Message.PLAINTEXT_MEDIA_TYPE + "'");
        }
        String id = StrictJson.optString(o, "id", WHAT);
        String type = StrictJson.optString(o, "type", WHAT);
        if (id == null || id.isBlank()) {
            throw new InvalidMessageException("plaintext message lacks a non-empty \"id\"");
        }
        if (type == null || type.isBlank()) {
            throw new InvalidMessageException("plaintext message lacks a non-empty \"type\"");
        }
        JsonNode body = o.get("body");
        if (body != null && !body.isNull() && !body.isObject()) {
            throw new InvalidMessageException("plaintext message \"body\" must be a JSON object");
        }
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            if (!Message.RESERVED_HEADERS.contains(e.getKey())) {
                extra.put(e.getKey(), e.getValue());
            }
        }
        return new Message(id, type,
                StrictJson.optString(o, "from", WHAT),
                StrictJson.optStringArray(o, "to", WHAT),
                StrictJson.optString(o, "thid", WHAT),
                StrictJson.optString(o, "pthid", WHAT),
                seconds(StrictJson.optLong(o, "created_time", WHAT)),
                seconds(StrictJson.optLong(o, "expires_time", WHAT)),
                body == null || body.isNull() ? null : body,
                attachments(o.get("attachments")),
                StrictJson.optString(o, "from_prior", WHAT),
                extra);
    }

    /** The JSON tree of a message, with {@code typ} set to the plaintext media type. */
    public ObjectNode toTree(Message m) {
        ObjectNode o = json.nodes().objectNode();
        o.put("id", m.id());
        o.put("typ", Message.PLAINTEXT_MEDIA_TYPE);
        o.put("type", m.type());
        if (m.from() != null) {
            o.put("from", m.from());
        }
        if (!m.to().isEmpty()) {
            ArrayNode to = o.putArray("to");
            m.to().forEach(to::add);
        }
        if (m.thid() != null) {
            o.put("thid", m.thid());
        }
        if (m.pthid() != null) {
            o.put("pthid", m.pthid());
        }
        if (m.createdTime() != null) {
            o.put("created_time", m.createdTime().getEpochSecond());
        }
        if (m.expiresTime() != null) {
            o.put("expires_time", m.expiresTime().getEpochSecond());
        }
        o.set("body", m.body().deepCopy());
        if (!m.attachments().isEmpty()) {
            ArrayNode arr = o.putArray("attachments");
            for (Attachment a : m.attachments()) {
                arr.add(attachmentTree(a));
            }
        }
        if (m.fromPrior() != null) {
            o.put("from_prior", m.fromPrior());
        }
        m.extraHeaders().forEach((k, v) -> o.set(k, v.deepCopy()));
        return o;
    }

    /** Compact UTF-8 JSON of a message. */
    public byte[] write(Message m) {
        return json.write(toTree(m));
    }

    private static Instant seconds(Long s) throws InvalidMessageException {
        if (s == null) {
            return null;
        }
        if (s < 0) {
            throw new InvalidMessageException("message times are seconds since the epoch and must not be negative");
        }
        return Instant.ofEpochSecond(s);
    }

    private List<Attachment> attachments(JsonNode node) throws MalformedJsonException, InvalidMessageException {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new MalformedJsonException("message \"attachments\" must be an array");
        }
        List<Attachment> out = new ArrayList<>(node.size());
        for (JsonNode a : node) {
            out.add(attachment(a));
        }
        return out;
    }

    private Attachment attachment(JsonNode a) throws MalformedJsonException, InvalidMessageException {
        String what = "attachment";
        if (!a.isObject()) {
            throw new MalformedJsonException("each attachment must be a JSON object");
        }
        JsonNode d = a.get("data");
        if (d == null || !d.isObject()) {
            throw new InvalidMessageException("attachment lacks a \"data\" object");
        }
        String hash = StrictJson.optString(d, "hash", "attachment data");
        JsonNode jws = d.has("jws") && !d.get("jws").isNull() ? d.get("jws") : null;
        int forms = (d.has("base64") ? 1 : 0) + (d.has("json") ? 1 : 0) + (d.has("links") ? 1 : 0);
        if (forms != 1) {
            throw new InvalidMessageException("attachment data must have exactly one of base64, json, links");
        }
        AttachmentData data;
        try {
            if (d.has("base64")) {
                String b64 = StrictJson.requireString(d, "base64", "attachment data");
                data = new AttachmentData.Base64Data(b64, hash, jws);
                ((AttachmentData.Base64Data) data).decode();
            } else if (d.has("json")) {
                data = new AttachmentData.JsonData(d.get("json"), hash, jws);
            } else {
                data = new AttachmentData.LinksData(StrictJson.optStringArray(d, "links", "attachment data"), hash,
                        jws);
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException("attachment data is invalid: " + e.getMessage(), e);
        }
        Long lastmod = StrictJson.optLong(a, "lastmod_time", what);
        return new Attachment(
                StrictJson.optString(a, "id", what),
                StrictJson.optString(a, "description", what),
                StrictJson.optString(a, "filename", what),
                StrictJson.optString(a, "media_type", what),
                StrictJson.optString(a, "format", what),
                lastmod == null ? null : seconds(lastmod),
                byteCount(StrictJson.optLong(a, "byte_count", what)),
                data);
    }

    private static Long byteCount(Long v) throws InvalidMessageException {
        if (v != null && v < 0) {
            throw new InvalidMessageException("attachment byte_count must not be negative");
        }
        return v;
    }

    private ObjectNode attachmentTree(Attachment a) {
        ObjectNode o = json.nodes().objectNode();
        if (a.id() != null) {
            o.put("id", a.id());
        }
        if (a.description() != null) {
            o.put("description", a.description());
        }
        if (a.filename() != null) {
            o.put("filename", a.filename());
        }
        if (a.mediaType() != null) {
            o.put("media_type", a.mediaType());
        }
        if (a.format() != null) {
            o.put("format", a.format());
        }
        if (a.lastmodTime() != null) {
            o.put("lastmod_time", a.lastmodTime().getEpochSecond());
        }
        if (a.byteCount() != null) {
            o.put("byte_count", a.byteCount());
        }
        ObjectNode d = o.putObject("data");
        switch (a.data()) {
            case AttachmentData.Base64Data b -> d.put("base64", b.base64());
            case AttachmentData.JsonData j -> d.set("json", j.json().deepCopy());
            case AttachmentData.LinksData l -> {
                ArrayNode links = d.putArray("links");
                l.links().forEach(links::add);
            }
        }
        if (a.data().hash() != null) {
            d.put("hash", a.data().hash());
        }
        if (a.data().jws() != null) {
            d.set("jws", a.data().jws().deepCopy());
        }
        return o;
    }
}
