package dev.parley.did.keystore;

/** A keystore file was written by a newer format version than this build reads. */
public final class UnsupportedKeystoreVersionException extends KeystoreException {

  public UnsupportedKeystoreVersionException(String message) {
    super(message);
  }

  public UnsupportedKeystoreVersionException(String message, Throwable cause) {
    super(message, cause);
  }
}
