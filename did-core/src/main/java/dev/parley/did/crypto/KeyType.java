package dev.parley.did.crypto;

import dev.parley.did.UnsupportedKeyTypeException;

/**
 * The closed set of key types did-core understands, with their multicodec code, raw public key
 * length (compressed SEC1 points for the EC curves) and JWK names (RFC 7518, RFC 8037).
 *
 * <p>{@link #isFullySupported()} types can be generated, held privately, signed or agreed with;
 * the others are resolve-only: their public keys parse, convert and verify signatures.
 */
public enum KeyType {
  ED25519(0xed, 32, 32, "OKP", "Ed25519", true, false, true),
  X25519(0xec, 32, 32, "OKP", "X25519", false, true, true),
  P256(0x1200, 33, 32, "EC", "P-256", true, true, true),
  P384(0x1201, 49, 48, "EC", "P-384", true, true, false),
  P521(0x1202, 67, 66, "EC", "P-521", true, true, false),
  SECP256K1(0xe7, 33, 32, "EC", "secp256k1", true, true, false);

  private final int multicodec;
  private final int publicKeyLength;
  private final int privateKeyLength;
  private final String jwkKty;
  private final String jwkCrv;
  private final boolean signing;
  private final boolean keyAgreement;
  private final boolean fullySupported;

  KeyType(int multicodec, int publicKeyLength, int privateKeyLength, String jwkKty, String jwkCrv,
      boolean signing, boolean keyAgreement, boolean fullySupported) {
    this.multicodec = multicodec;
    this.publicKeyLength = publicKeyLength;
    this.privateKeyLength = privateKeyLength;
    this.jwkKty = jwkKty;
    this.jwkCrv = jwkCrv;
    this.signing = signing;
    this.keyAgreement = keyAgreement;
    this.fullySupported = fullySupported;
  }

  /** The multicodec code of the public key (e.g. {@code 0xed} for ed25519-pub). */
  public int multicodec() {
    return multicodec;
  }

  /** Length of the raw public key in its multicodec form (compressed point for EC keys). */
  public int publicKeyLength() {
    return publicKeyLength;
  }

  /** Length of the raw private key (seed or scalar), also the JWK {@code d} length. */
  public int privateKeyLength() {
    return privateKeyLength;
  }

  public String jwkKty() {
    return jwkKty;
  }

  public String jwkCrv() {
    return jwkCrv;
  }

  /** Whether keys of this type make signatures (as opposed to key agreement only). */
  public boolean isSigning() {
    return signing;
  }

  /** Whether keys of this type are used for key agreement (ECDH). */
  public boolean isKeyAgreement() {
    return keyAgreement;
  }

  /** Whether private keys of this type can be generated, stored, used to sign or agree. */
  public boolean isFullySupported() {
    return fullySupported;
  }

  /** Whether this is an elliptic curve in short Weierstrass form (JWK {@code kty} "EC"). */
  public boolean isWeierstrass() {
    return jwkKty.equals("EC");
  }

  public static KeyType fromMulticodec(int code) throws UnsupportedKeyTypeException {
    for (KeyType t : values()) {
      if (t.multicodec == code) {
        return t;
      }
    }
    throw new UnsupportedKeyTypeException(String.format(
        "multicodec 0x%x is not a supported public key type (supported: ed25519-pub 0xed, "
            + "x25519-pub 0xec, p256-pub 0x1200, p384-pub 0x1201, p521-pub 0x1202, "
            + "secp256k1-pub 0xe7)", code));
  }

  public static KeyType fromJwk(String kty, String crv) throws UnsupportedKeyTypeException {
    for (KeyType t : values()) {
      if (t.jwkKty.equals(kty) && t.jwkCrv.equals(crv)) {
        return t;
      }
    }
    throw new UnsupportedKeyTypeException("JWK kty \"" + kty + "\" with crv \"" + crv
        + "\" is not supported (supported: OKP Ed25519/X25519, EC P-256/P-384/P-521/secp256k1)");
  }

  /** Throws unless this type is fully supported, naming {@code operation} in the message. */
  void requireFullySupported(String operation) throws UnsupportedKeyTypeException {
    if (!fullySupported) {
      throw new UnsupportedKeyTypeException(jwkCrv + " keys are resolve-only in Parley; "
          + operation + " needs Ed25519, X25519 or P-256");
    }
  }
}
