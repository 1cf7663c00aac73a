package dev.parley.did;

/** A JSON Web Key is missing members, has members that contradict each other, or does not match its key. */
public final class InvalidJwkException extends DidException {

  public InvalidJwkException(String message) {
    super(message);
  }

  public InvalidJwkException(String message, Throwable cause) {
    super(message, cause);
  }
}
