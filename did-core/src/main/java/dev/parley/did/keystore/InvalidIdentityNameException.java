package dev.parley.did.keystore;

/** An identity name does not match {@code [a-z0-9][a-z0-9._-]{0,63}}. */
public final class InvalidIdentityNameException extends KeystoreException {

  public InvalidIdentityNameException(String message) {
    super(message);
  }

  public InvalidIdentityNameException(String message, Throwable cause) {
    super(message, cause);
  }
}
