package dev.parley.did.internal;

import dev.parley.did.InvalidEncodingException;
import java.util.Base64;

/** Unpadded base64url as used by JWK (RFC 7515 section 2) and did:peer:2 services. */
public final class Base64Url {

  private Base64Url() {}

  public static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Decodes unpadded base64url; padding, whitespace and the standard alphabet are rejected. */
  public static byte[] decode(String text, String what) throws InvalidEncodingException {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_';
      if (!ok) {
        throw new InvalidEncodingException(
            what + " is not unpadded base64url: character '" + c + "' at position " + i);
      }
    }
    try {
      return Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidEncodingException(what + " is not valid base64url: " + e.getMessage(), e);
    }
  }
}
