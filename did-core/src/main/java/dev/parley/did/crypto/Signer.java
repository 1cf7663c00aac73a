package dev.parley.did.crypto;

/**
 * Signs messages with one private key. Ed25519 signatures are 64 bytes (RFC 8032); ECDSA
 * signatures are deterministic (RFC 6979) and use the JOSE encoding: R || S, each the curve's
 * field length (64 bytes for P-256). Implementations are thread-safe.
 */
public interface Signer {

  KeyType keyType();

  /** The public key a verifier needs. */
  PublicKey publicKey();

  byte[] sign(byte[] message);
}
