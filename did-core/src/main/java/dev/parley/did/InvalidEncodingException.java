package dev.parley.did;

/** A multibase, base58, base64url, varint or JSON encoding could not be decoded. */
public final class InvalidEncodingException extends DidException {

  public InvalidEncodingException(String message) {
    super(message);
  }

  public InvalidEncodingException(String message, Throwable cause) {
    super(message, cause);
  }
}
