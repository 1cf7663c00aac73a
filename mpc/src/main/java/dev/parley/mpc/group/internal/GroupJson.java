package dev.parley.mpc.group.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.mpc.program.ProgramDescriptor;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes the JSON fields group messages share, with bounds. Readers throw {@link IllegalArgumentException}
 * naming the field; callers turn it into their own checked exception.
 */
public final class GroupJson {
    private static final int MAX_TEXT = 4096;

    private GroupJson() {
    }

    public static ObjectNode descriptor(ProgramDescriptor d) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("name", d.name());
        node.put("version", d.version());
        ObjectNode params = node.putObject("parameters");
        d.parameters().forEach(params::put);
        return node;
    }

    public static ProgramDescriptor readDescriptor(JsonNode parent, String field) {
        JsonNode node = object(parent, field);
        JsonNode params = object(node, "parameters");
        if (params.size() > 64) {
            throw new IllegalArgumentException(field + ".parameters has " + params.size() + " entries, at most 64");
        }
        Map<String, String> map = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual() || e.getKey().length() > 64 || e.getValue().textValue().length() > 256) {
                throw new IllegalArgumentException(field + ".parameters." + e.getKey()
                        + " must be a string of at most 256 characters under a key of at most 64");
            }
            map.put(e.getKey(), e.getValue().textValue());
        }
        return ProgramDescriptor.of(text(node, "name"), integer(node, "version"), map);
    }

    public static ObjectNode object(JsonNode parent, String field) {
        JsonNode v = parent.get(field);
        if (v == null || !v.isObject()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a JSON object");
        }
        return (ObjectNode) v;
    }

    public static String text(JsonNode parent, String field) {
        JsonNode v = parent.get(field);
        if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a non-empty string");
        }
        if (v.textValue().length() > MAX_TEXT) {
            throw new IllegalArgumentException("\"" + field + "\" has " + v.textValue().length()
                    + " characters, at most " + MAX_TEXT);
        }
        return v.textValue();
    }

    public static int integer(JsonNode parent, String field) {
        JsonNode v = parent.get(field);
        if (v == null || !v.isInt()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a 32-bit integer");
        }
        return v.intValue();
    }
}
