package dev.parley.mpc.program;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * What a party learned, for people and for machines. Immutable (the JSON tree is copied in and out).
 *
 * @param text one line without a line break, e.g. {@code sum 42, average 14.00 over 3 parties}
 * @param json the same result as a JSON value (an object for every standard program)
 */
public record FormattedResult(String text, JsonNode json) {
    public FormattedResult {
        Objects.requireNonNull(text, "text");
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a result's text is one line");
        }
        json = json.deepCopy();
    }

    @Override
    public JsonNode json() {
        return json.deepCopy();
    }
}
