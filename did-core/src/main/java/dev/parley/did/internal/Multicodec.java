package dev.parley.did.internal;

import dev.parley.did.InvalidEncodingException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Unsigned-varint multicodec prefixes (multiformats/unsigned-varint). Codes are limited to
 * three bytes, which covers every code did-core knows; longer prefixes are rejected.
 */
public final class Multicodec {

  private static final int MAX_VARINT_BYTES = 3;

  private Multicodec() {}

  /** A decoded prefix: the code and the bytes after it. */
  public record Prefixed(int code, byte[] payload) {}

  public static byte[] prefix(int code, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 3);
    int value = code;
    while ((value & ~0x7F) != 0) {
      out.write((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    out.write(value);
    out.writeBytes(payload);
    return out.toByteArray();
  }

  public static Prefixed split(byte[] bytes) throws InvalidEncodingException {
    int code = 0;
    for (int i = 0; i < MAX_VARINT_BYTES; i++) {
      if (i >= bytes.length) {
        throw new InvalidEncodingException(
            "multicodec varint is truncated after " + bytes.length + " byte(s)");
      }
      int b = bytes[i] & 0xFF;
      code |= (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw new InvalidEncodingException("multicodec varint is not minimally encoded");
        }
        return new Prefixed(code, Arrays.copyOfRange(bytes, i + 1, bytes.length));
      }
    }
    throw new InvalidEncodingException(
        "multicodec varint is longer than " + MAX_VARINT_BYTES + " bytes");
  }
}
