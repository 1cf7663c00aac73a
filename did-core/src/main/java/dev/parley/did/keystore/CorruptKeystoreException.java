package dev.parley.did.keystore;

/** A keystore file is truncated, malformed or fails authentication although the passphrase is right. */
public final class CorruptKeystoreException extends KeystoreException {

  public CorruptKeystoreException(String message) {
    super(message);
  }

  public CorruptKeystoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
