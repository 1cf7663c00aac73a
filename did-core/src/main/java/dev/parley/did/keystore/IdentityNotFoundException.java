package dev.parley.did.keystore;

/** No identity of that name is in the keystore. */
public final class IdentityNotFoundException extends KeystoreException {

  public IdentityNotFoundException(String message) {
    super(message);
  }

  public IdentityNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
