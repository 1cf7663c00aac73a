package dev.parley.did;

/** A service entry (for example a did:peer:2 {@code S} element) is malformed. */
public final class InvalidServiceException extends DidException {

  public InvalidServiceException(String message) {
    super(message);
  }

  public InvalidServiceException(String message, Throwable cause) {
    super(message, cause);
  }
}
