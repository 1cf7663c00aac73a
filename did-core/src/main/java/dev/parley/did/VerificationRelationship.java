package dev.parley.did;

/** The verification relationships of DID Core section 5.3, with their JSON property names. */
public enum VerificationRelationship {
  AUTHENTICATION("authentication"),
  ASSERTION_METHOD("assertionMethod"),
  KEY_AGREEMENT("keyAgreement"),
  CAPABILITY_INVOCATION("capabilityInvocation"),
  CAPABILITY_DELEGATION("capabilityDelegation");

  private final String jsonName;

  VerificationRelationship(String jsonName) {
    this.jsonName = jsonName;
  }

  public String jsonName() {
    return jsonName;
  }
}
