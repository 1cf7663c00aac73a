package dev.parley.did.keystore;

/**
 * Root of the checked keystore errors. Each subclass is a distinct situation a user can act on;
 * messages name the identity or file and say what to do.
 */
public abstract sealed class KeystoreException extends Exception
    permits InvalidIdentityNameException, IdentityExistsException, IdentityNotFoundException,
        WrongPassphraseException, CorruptKeystoreException, UnsupportedKeystoreVersionException,
        KeystoreBusyException, KeystoreIoException {

  protected KeystoreException(String message) {
    super(message);
  }

  protected KeystoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
