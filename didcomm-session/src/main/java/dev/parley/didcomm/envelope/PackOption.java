package dev.parley.didcomm.envelope;

/** Optional extra layers for encrypted modes. */
public enum PackOption {
    /** Sign the plaintext before encrypting it (adds non-repudiation). */
    SIGN,
    /** Anoncrypt an authcrypted message again so only the recipient learns the sender ({@code skid}). */
    PROTECT_SENDER,
    /** Wrap in routing 2.0 {@code forward} messages for each routing key of the recipient's service. */
    FORWARD
}
