package dev.parley.did;

/** A DID or DID URL does not follow the DID Core syntax (or the syntax of its method). */
public final class MalformedDidException extends DidException {

  public MalformedDidException(String message) {
    super(message);
  }

  public MalformedDidException(String message, Throwable cause) {
    super(message, cause);
  }
}
