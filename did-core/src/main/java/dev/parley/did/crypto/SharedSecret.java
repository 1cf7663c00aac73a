package dev.parley.did.crypto;

import java.util.Arrays;

/**
 * The output of a key agreement. Redacts itself in {@link #toString()}; {@link #bytes()} hands
 * out a copy the caller owns. Not thread-safe with respect to {@link #destroy()}.
 */
public final class SharedSecret {

  private final byte[] secret;
  private boolean destroyed;

  SharedSecret(byte[] secret) {
    this.secret = secret;
  }

  /** A copy of the secret bytes; overwrite it when done. */
  public byte[] bytes() {
    if (destroyed) {
      throw new IllegalStateException("shared secret was destroyed");
    }
    return secret.clone();
  }

  public int length() {
    return secret.length;
  }

  public void destroy() {
    destroyed = true;
    Arrays.fill(secret, (byte) 0);
  }

  @Override
  public String toString() {
    return "SharedSecret[" + secret.length + " bytes, <redacted>]";
  }
}
