package dev.parley.did.crypto;

/**
 * Verifies signatures made with one public key, in the encoding {@link Signer} produces.
 * Returns {@code false} for any malformed or wrong signature (never throws for bad input).
 * Implementations are thread-safe.
 */
public interface Verifier {

  PublicKey publicKey();

  boolean verify(byte[] message, byte[] signature);
}
