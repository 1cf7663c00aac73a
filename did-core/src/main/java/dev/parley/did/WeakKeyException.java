package dev.parley.did;

/** An X25519 key or shared secret is of small order (all-zero shared secret); such keys give no secrecy. */
public final class WeakKeyException extends DidException {

  public WeakKeyException(String message) {
    super(message);
  }

  public WeakKeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
