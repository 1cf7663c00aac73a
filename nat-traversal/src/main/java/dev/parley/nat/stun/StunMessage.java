package dev.parley.nat.stun;

import java.util.List;
import java.util.Optional;

/**
 * A decoded STUN message: class, 12-bit method, transaction id and attributes in wire order
 * (MESSAGE-INTEGRITY and FINGERPRINT included when they were on the wire). Immutable.
 */
public record StunMessage(StunClass messageClass, int method, TransactionId transactionId,
                          List<StunAttribute> attributes) {
    public static final int BINDING = 0x001;

    public StunMessage {
        if (method < 0 || method > 0xFFF) {
            throw new IllegalArgumentException("STUN method must fit 12 bits: " + method);
        }
        attributes = List.copyOf(attributes);
    }

    /** The first attribute of this type, as RFC 8489 says later duplicates are ignored. */
    public Optional<StunAttribute> attribute(int type) {
        return attributes.stream().filter(a -> a.type() == type).findFirst();
    }

    public boolean isBindingRequest() {
        return messageClass == StunClass.REQUEST && method == BINDING;
    }
}
