package dev.parley.did;

/** The DID names a method that no registered {@link DidMethod} handles. */
public final class UnsupportedDidMethodException extends DidException {

  public UnsupportedDidMethodException(String message) {
    super(message);
  }

  public UnsupportedDidMethodException(String message, Throwable cause) {
    super(message, cause);
  }
}
