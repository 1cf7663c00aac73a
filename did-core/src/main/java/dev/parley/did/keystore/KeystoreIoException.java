package dev.parley.did.keystore;

/** Reading or writing the keystore directory failed at the file-system level. */
public final class KeystoreIoException extends KeystoreException {

  public KeystoreIoException(String message) {
    super(message);
  }

  public KeystoreIoException(String message, Throwable cause) {
    super(message, cause);
  }
}
