package dev.parley.did.peer;

import dev.parley.did.VerificationRelationship;

/** did:peer:2 key purpose codes and the verification relationship each grants. */
public enum Purpose {
  ASSERTION('A', VerificationRelationship.ASSERTION_METHOD),
  ENCRYPTION('E', VerificationRelationship.KEY_AGREEMENT),
  VERIFICATION('V', VerificationRelationship.AUTHENTICATION),
  CAPABILITY_INVOCATION('I', VerificationRelationship.CAPABILITY_INVOCATION),
  CAPABILITY_DELEGATION('D', VerificationRelationship.CAPABILITY_DELEGATION);

  private final char code;
  private final VerificationRelationship relationship;

  Purpose(char code, VerificationRelationship relationship) {
    this.code = code;
    this.relationship = relationship;
  }

  public char code() {
    return code;
  }

  public VerificationRelationship relationship() {
    return relationship;
  }

  /** The purpose for a code letter, or {@code null} if the letter is not a key purpose. */
  static Purpose fromCode(char c) {
    for (Purpose p : values()) {
      if (p.code == c) {
        return p;
      }
    }
    return null;
  }
}
