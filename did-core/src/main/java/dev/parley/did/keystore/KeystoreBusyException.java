package dev.parley.did.keystore;

/** Another process held the keystore lock for longer than the configured wait. */
public final class KeystoreBusyException extends KeystoreException {

  public KeystoreBusyException(String message) {
    super(message);
  }

  public KeystoreBusyException(String message, Throwable cause) {
    super(message, cause);
  }
}
