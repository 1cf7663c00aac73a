package dev.parley.did.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.parley.did.InputTooLargeException;
import dev.parley.did.InvalidEncodingException;

/**
 * The one Jackson mapper did-core parses untrusted JSON with: duplicate keys, trailing tokens,
 * deep nesting and long strings are rejected. Thread-safe (a configured mapper is immutable).
 */
public final class StrictJson {

  public static final JsonMapper MAPPER = JsonMapper.builder(
          com.fasterxml.jackson.core.JsonFactory.builder()
              .streamReadConstraints(StreamReadConstraints.builder()
                  .maxNestingDepth(16)
                  .maxStringLength(64 * 1024)
                  .maxNumberLength(32)
                  .maxDocumentLength(1024 * 1024)
                  .build())
              .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
              .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
              .build())
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private StrictJson() {}

  /** Parses {@code text} (at most {@code maxChars} characters) into a tree. */
  public static JsonNode parse(String text, int maxChars, String what)
      throws InvalidEncodingException, InputTooLargeException {
    if (text.length() > maxChars) {
      throw new InputTooLargeException(
          what + " is " + text.length() + " characters; the limit is " + maxChars);
    }
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw new InvalidEncodingException(what + " is empty; expected a JSON value");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new InvalidEncodingException(
          what + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  public static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("serialising an in-memory JSON tree cannot fail", e);
    }
  }
}
