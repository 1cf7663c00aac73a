package dev.parley.didcomm.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads untrusted JSON into a Jackson tree once, enforcing {@link JsonLimits} through Jackson's
 * {@link StreamReadConstraints}, rejecting duplicate keys and trailing content; writes compact JSON.
 *
 * <p>Thread-safe and immutable after construction: share one instance per limit set.
 */
public final class StrictJson {

    private final JsonLimits limits;
    private final ObjectMapper mapper;

    public StrictJson(JsonLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(limits.maxDocumentBytes())
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxStringLength(limits.maxStringLength())
                        .maxNumberLength(64)
                        .maxNameLength(1024)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    public JsonLimits limits() {
        return limits;
    }

    /** The configured mapper, for writing typed values; never used to bind untrusted input to classes. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** Factory for building trees to serialize. */
    public JsonNodeFactory nodes() {
        return mapper.getNodeFactory();
    }

    /**
     * Parses {@code json}, which must be a JSON object, within the limits.
     *
     * @param what names the document in error messages, e.g. "JWE protected header"
     */
    public ObjectNode readObject(byte[] json, String what) throws MalformedJsonException, JsonLimitExceededException {
        if (json.length > limits.maxDocumentBytes()) {
            throw new JsonLimitExceededException(what + " is " + json.length + " bytes; the limit is "
                    + limits.maxDocumentBytes() + " (JsonLimits.maxDocumentBytes)");
        }
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (StreamConstraintsException e) {
            throw new JsonLimitExceededException(what + " exceeds a JSON limit: " + firstLine(e), e);
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException(what + " is not valid JSON: " + firstLine(e), e);
        } catch (IOException e) {
            throw new MalformedJsonException(what + " could not be read: " + firstLine(e), e);
        }
        if (node == null || !node.isObject()) {
            throw new MalformedJsonException(what + " must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** Compact UTF-8 serialization of a tree built by this module. */
    public byte[] write(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            // Trees built in memory from strings, numbers and nodes always serialize.
            throw new IllegalStateException("serializing an in-memory JSON tree failed", e);
        }
    }

    /** A required string member. */
    public static String requireString(JsonNode obj, String field, String what) throws MalformedJsonException {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            throw new MalformedJsonException(what + " lacks required \"" + field + "\"");
        }
        if (!v.isTextual()) {
            throw new MalformedJsonException(what + " \"" + field + "\" must be a string");
        }
        return v.textValue();
    }

    /** An optional string member, null when absent. */
    public static String optString(JsonNode obj, String field, String what) throws MalformedJsonException {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new MalformedJsonException(what + " \"" + field + "\" must be a string");
        }
        return v.textValue();
    }

    /** An optional array of strings, empty when absent. */
    public static List<String> optStringArray(JsonNode obj, String field, String what) throws MalformedJsonException {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new MalformedJsonException(what + " \"" + field + "\" must be an array of strings");
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw new MalformedJsonException(what + " \"" + field + "\" must contain only strings");
            }
            out.add(e.textValue());
        }
        return List.copyOf(out);
    }

    /** An optional integral number that fits a long, null when absent. */
    public static Long optLong(JsonNode obj, String field, String what) throws MalformedJsonException {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new MalformedJsonException(what + " \"" + field + "\" must be an integer");
        }
        return v.longValue();
    }

    private static String firstLine(Exception e) {
        String m = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
