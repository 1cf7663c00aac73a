package dev.parley.did;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A DID URL limited to what DIDComm uses: a DID with an optional fragment
 * ({@code did:example:123#key-1}). Paths and queries are rejected rather than ignored, so a
 * key id can never silently mean something else. Immutable.
 */
public record DidUrl(Did did, Optional<String> fragment) {

  private static final Pattern FRAGMENT =
      Pattern.compile("(?:[A-Za-z0-9._~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2})*");

  /** Longest fragment accepted (key ids are far shorter; this also bounds the regex). */
  public static final int MAX_FRAGMENT_LENGTH = 1024;

  public DidUrl {
    Objects.requireNonNull(did, "did");
    Objects.requireNonNull(fragment, "fragment");
  }

  public static DidUrl of(Did did, String fragment) {
    return new DidUrl(did, Optional.of(fragment));
  }

  public static DidUrl parse(String text) throws MalformedDidException, InputTooLargeException {
    if (text.length() > Did.MAX_LENGTH + 1 + MAX_FRAGMENT_LENGTH) {
      throw new InputTooLargeException("DID URL is " + text.length()
          + " characters; the limit is " + (Did.MAX_LENGTH + 1 + MAX_FRAGMENT_LENGTH));
    }
    int hash = text.indexOf('#');
    String base = hash < 0 ? text : text.substring(0, hash);
    if (base.indexOf('/') >= 0 || base.indexOf('?') >= 0) {
      throw new MalformedDidException("DID URL \"" + Did.shorten(text)
          + "\" has a path or query; only did[#fragment] is supported");
    }
    Did did = Did.parse(base);
    if (hash < 0) {
      return new DidUrl(did, Optional.empty());
    }
    String fragment = text.substring(hash + 1);
    if (fragment.length() > MAX_FRAGMENT_LENGTH) {
      throw new InputTooLargeException("DID URL fragment is " + fragment.length()
          + " characters; the limit is " + MAX_FRAGMENT_LENGTH);
    }
    if (fragment.isEmpty() || !FRAGMENT.matcher(fragment).matches()) {
      throw new MalformedDidException("DID URL \"" + Did.shorten(text)
          + "\" has an empty or invalid fragment");
    }
    return new DidUrl(did, Optional.of(fragment));
  }

  @Override
  public String toString() {
    return did + fragment.map(f -> "#" + f).orElse("");
  }
}
