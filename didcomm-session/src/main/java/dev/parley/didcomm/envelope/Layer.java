package dev.parley.didcomm.envelope;

/**
 * An envelope layer, outermost first when unpacking. The allowed nesting is explicit:
 * {@code ANONCRYPT > AUTHCRYPT > SIGNED > PLAINTEXT}, each optional, never repeated or reordered.
 */
public enum Layer {
    ANONCRYPT, AUTHCRYPT, SIGNED, PLAINTEXT;

    /** Whether {@code inner} may appear directly inside this layer. */
    public boolean mayContain(Layer inner) {
        return inner.ordinal() > ordinal() && this != PLAINTEXT;
    }
}
