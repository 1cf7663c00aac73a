package dev.parley.did;

/** Public key bytes do not encode a point on the declared curve, or a scalar is out of range. */
public final class InvalidPointException extends DidException {

  public InvalidPointException(String message) {
    super(message);
  }

  public InvalidPointException(String message, Throwable cause) {
    super(message, cause);
  }
}
