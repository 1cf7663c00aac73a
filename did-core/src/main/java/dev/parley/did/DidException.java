package dev.parley.did;

/**
 * Root of the checked errors raised while parsing, creating or resolving DIDs and keys.
 *
 * <p>The hierarchy is closed so callers can map every case (for example to a DIDComm
 * {@code problem-report} code or a one-line CLI message). Every message names the offending
 * input and, where there is one, what would be accepted instead.
 */
public abstract sealed class DidException extends Exception
    permits MalformedDidException, UnsupportedDidMethodException, InvalidEncodingException,
        UnsupportedKeyTypeException, InvalidKeyLengthException, InvalidPointException,
        WeakKeyException, InputTooLargeException, InvalidJwkException,
        VerificationMethodNotFoundException, InvalidServiceException {

  protected DidException(String message) {
    super(message);
  }

  protected DidException(String message, Throwable cause) {
    super(message, cause);
  }
}
