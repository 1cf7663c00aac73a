package dev.parley.did;

/** A DID URL or key id does not name a verification method of the resolved document. */
public final class VerificationMethodNotFoundException extends DidException {

  public VerificationMethodNotFoundException(String message) {
    super(message);
  }

  public VerificationMethodNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
