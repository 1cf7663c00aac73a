package dev.parley.did.keystore;

import java.util.Arrays;

/**
 * A passphrase held as characters (never a {@link String}, so it can be wiped). The caller's
 * array is copied; {@link #destroy()} wipes the copy. {@link #toString()} is redacted.
 * Not thread-safe with respect to {@link #destroy()}.
 */
public final class Passphrase implements AutoCloseable {

  private final char[] chars;
  private boolean destroyed;

  private Passphrase(char[] chars) {
    this.chars = chars;
  }

  /** Copies {@code chars}; the caller should wipe its own array. Must not be empty. */
  public static Passphrase of(char[] chars) {
    if (chars.length == 0) {
      throw new IllegalArgumentException("passphrase must not be empty");
    }
    return new Passphrase(chars.clone());
  }

  char[] chars() {
    if (destroyed) {
      throw new IllegalStateException("passphrase was destroyed");
    }
    return chars;
  }

  public void destroy() {
    destroyed = true;
    Arrays.fill(chars, '\0');
  }

  @Override
  public void close() {
    destroy();
  }

  @Override
  public String toString() {
    return "Passphrase[<redacted>]";
  }
}
