package dev.parley.did.keystore;

/** The passphrase does not open this identity (its check value does not match). */
public final class WrongPassphraseException extends KeystoreException {

  public WrongPassphraseException(String message) {
    super(message);
  }

  public WrongPassphraseException(String message, Throwable cause) {
    super(message, cause);
  }
}
