package dev.parley.did;

/** Key bytes have the wrong length for their declared key type. */
public final class InvalidKeyLengthException extends DidException {

  public InvalidKeyLengthException(String message) {
    super(message);
  }

  public InvalidKeyLengthException(String message, Throwable cause) {
    super(message, cause);
  }
}
