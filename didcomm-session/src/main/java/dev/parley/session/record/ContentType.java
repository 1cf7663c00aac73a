package dev.parley.session.record;

/** The encrypted inner type of a record: observers on the path cannot tell them apart. */
public enum ContentType {
    /** Channel frames (docs/protocol/session.md section 6). */
    DATA(1),
    /** Empty: proves liveness and keeps NAT mappings open. */
    KEEPALIVE(2),
    /** Authenticated close: a u16 code follows. */
    CLOSE(3);

    final int code;

    ContentType(int code) {
        this.code = code;
    }

    static ContentType of(int code) {
        return switch (code) {
            case 1 -> DATA;
            case 2 -> KEEPALIVE;
            case 3 -> CLOSE;
            default -> null;
        };
    }
}
