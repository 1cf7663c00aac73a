package dev.parley.did.internal;

import dev.parley.did.InputTooLargeException;
import dev.parley.did.InvalidEncodingException;
import java.util.Arrays;

/** Bitcoin-alphabet base58 (the {@code z} multibase). Stateless and thread-safe. */
public final class Base58 {

  private static final char[] ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
  private static final int[] INDEXES = new int[128];
  /** Longest text accepted; the quadratic decoder must not be handed unbounded input. */
  public static final int MAX_ENCODED_LENGTH = 8192;

  static {
    Arrays.fill(INDEXES, -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      INDEXES[ALPHABET[i]] = i;
    }
  }

  private Base58() {}

  public static String encode(byte[] input) {
    if (input.length == 0) {
      return "";
    }
    int zeros = 0;
    while (zeros < input.length && input[zeros] == 0) {
      zeros++;
    }
    byte[] copy = Arrays.copyOf(input, input.length);
    char[] encoded = new char[input.length * 2];
    int outputStart = encoded.length;
    for (int inputStart = zeros; inputStart < copy.length; ) {
      encoded[--outputStart] = ALPHABET[divmod(copy, inputStart, 256, 58)];
      if (copy[inputStart] == 0) {
        inputStart++;
      }
    }
    while (outputStart < encoded.length && encoded[outputStart] == ALPHABET[0]) {
      outputStart++;
    }
    while (--zeros >= 0) {
      encoded[--outputStart] = ALPHABET[0];
    }
    return new String(encoded, outputStart, encoded.length - outputStart);
  }

  public static byte[] decode(String input) throws InvalidEncodingException, InputTooLargeException {
    if (input.length() > MAX_ENCODED_LENGTH) {
      throw new InputTooLargeException(
          "base58 text is " + input.length() + " characters; the limit is " + MAX_ENCODED_LENGTH);
    }
    if (input.isEmpty()) {
      throw new InvalidEncodingException("base58 text is empty");
    }
    byte[] input58 = new byte[input.length()];
    for (int i = 0; i < input.length(); i++) {
      char c = input.charAt(i);
      int digit = c < 128 ? INDEXES[c] : -1;
      if (digit < 0) {
        throw new InvalidEncodingException(
            "invalid base58btc character '" + c + "' at position " + i
                + " (0, O, I and l are not in the alphabet)");
      }
      input58[i] = (byte) digit;
    }
    int zeros = 0;
    while (zeros < input58.length && input58[zeros] == 0) {
      zeros++;
    }
    byte[] decoded = new byte[input.length()];
    int outputStart = decoded.length;
    for (int inputStart = zeros; inputStart < input58.length; ) {
      decoded[--outputStart] = divmod(input58, inputStart, 58, 256);
      if (input58[inputStart] == 0) {
        inputStart++;
      }
    }
    while (outputStart < decoded.length && decoded[outputStart] == 0) {
      outputStart++;
    }
    return Arrays.copyOfRange(decoded, outputStart - zeros, decoded.length);
  }

  private static byte divmod(byte[] number, int firstDigit, int base, int divisor) {
    int remainder = 0;
    for (int i = firstDigit; i < number.length; i++) {
      int digit = number[i] & 0xFF;
      int temp = remainder * base + digit;
      number[i] = (byte) (temp / divisor);
      remainder = temp % divisor;
    }
    return (byte) remainder;
  }
}
