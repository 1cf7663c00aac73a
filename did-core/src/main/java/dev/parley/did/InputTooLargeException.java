package dev.parley.did;

/** An untrusted input exceeds a size or count limit; the limit is named in the message. */
public final class InputTooLargeException extends DidException {

  public InputTooLargeException(String message) {
    super(message);
  }

  public InputTooLargeException(String message, Throwable cause) {
    super(message, cause);
  }
}
