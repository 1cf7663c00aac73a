package dev.parley.nat.stun;

/** The four STUN message classes (RFC 8489 section 5), with their two class bits. */
public enum StunClass {
    REQUEST(0b00), INDICATION(0b01), SUCCESS_RESPONSE(0b10), ERROR_RESPONSE(0b11);

    private final int bits;

    StunClass(int bits) {
        this.bits = bits;
    }

    int bits() {
        return bits;
    }

    static StunClass ofBits(int bits) {
        for (StunClass c : values()) {
            if (c.bits == bits) {
                return c;
            }
        }
        throw new IllegalArgumentException("class bits out of range: " + bits);
    }
}
