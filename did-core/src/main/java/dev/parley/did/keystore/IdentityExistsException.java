package dev.parley.did.keystore;

/** An identity of that name already exists; the existing file was left untouched. */
public final class IdentityExistsException extends KeystoreException {

  public IdentityExistsException(String message) {
    super(message);
  }

  public IdentityExistsException(String message, Throwable cause) {
    super(message, cause);
  }
}
