package dev.parley.did;

/** A multicodec, JWK curve or key type is unknown, or is not supported for the requested operation. */
public final class UnsupportedKeyTypeException extends DidException {

  public UnsupportedKeyTypeException(String message) {
    super(message);
  }

  public UnsupportedKeyTypeException(String message, Throwable cause) {
    super(message, cause);
  }
}
