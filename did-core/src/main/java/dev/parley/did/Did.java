package dev.parley.did;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A DID ({@code did:<method>:<method-specific-id>}) as DID Core section 3.1 defines it.
 *
 * <p>Immutable. Construction validates the syntax and the {@link #MAX_LENGTH} cap, so every
 * instance is a syntactically valid DID. Equality is exact (case-sensitive) string equality.
 */
public record Did(String method, String methodSpecificId) {

  /** Longest DID accepted anywhere (did:peer:2 with several services stays well below). */
  public static final int MAX_LENGTH = 8192;

  private static final Pattern METHOD = Pattern.compile("[a-z0-9]+");

  public Did {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(methodSpecificId, "methodSpecificId");
    if (!METHOD.matcher(method).matches()) {
      throw new IllegalArgumentException("DID method must be lowercase letters and digits: " + method);
    }
    if (!isValidMethodSpecificId(methodSpecificId)) {
      throw new IllegalArgumentException("invalid DID method-specific id");
    }
  }

  /** Parses {@code text}, which must be a bare DID (no path, query or fragment). */
  public static Did parse(String text) throws MalformedDidException, InputTooLargeException {
    if (text.length() > MAX_LENGTH) {
      throw new InputTooLargeException(
          "DID is " + text.length() + " characters; the limit is " + MAX_LENGTH);
    }
    if (!text.startsWith("did:")) {
      throw new MalformedDidException("\"" + shorten(text) + "\" is not a DID: it must start with \"did:\"");
    }
    int colon = text.indexOf(':', 4);
    if (colon < 0) {
      throw new MalformedDidException("\"" + shorten(text)
          + "\" is not a DID: expected did:<method>:<method-specific-id>");
    }
    String method = text.substring(4, colon);
    String msid = text.substring(colon + 1);
    if (!METHOD.matcher(method).matches()) {
      throw new MalformedDidException("DID method \"" + shorten(method)
          + "\" must be lowercase letters and digits only");
    }
    if (!isValidMethodSpecificId(msid)) {
      throw new MalformedDidException("DID \"" + shorten(text) + "\" has an invalid method-specific id:"
          + " allowed are letters, digits, '.', '-', '_', %-escapes and inner ':'");
    }
    return new Did(method, msid);
  }

  /**
   * DID Core: {@code *( *idchar ":" ) 1*idchar} with idchar = ALPHA / DIGIT / "." / "-" / "_" /
   * pct-encoded. A linear scan, not a regex: backtracking regexes overflow the stack on the
   * multi-kilobyte ids did:peer:2 produces.
   */
  private static boolean isValidMethodSpecificId(String msid) {
    int n = msid.length();
    if (n == 0 || msid.charAt(n - 1) == ':') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = msid.charAt(i);
      if (c == '%') {
        if (i + 2 >= n || !isHex(msid.charAt(i + 1)) || !isHex(msid.charAt(i + 2))) {
          return false;
        }
        i += 2;
      } else if (!(isAlphaNum(c) || c == '.' || c == '-' || c == '_' || c == ':')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlphaNum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  static String shorten(String s) {
    return s.length() <= 80 ? s : s.substring(0, 60) + "...(" + s.length() + " chars)";
  }

  @Override
  public String toString() {
    return "did:" + method + ":" + methodSpecificId;
  }
}
