package dev.parley.nat.relay.websocket;

import dev.parley.nat.relay.RelayRejectedException;

/**
 * The relay's WebSocket conventions, shared by server and client. The client's first binary
 * message is its token; the server answers one binary message {@link #ATTACHED} or closes with
 * a code from {@link #closeCode}. After that every binary message is one opaque datagram.
 */
public final class RelayProtocol {
    public static final String PATH = "/relay";
    public static final byte ATTACHED = 0x01;
    public static final int CLOSE_BAD_TOKEN = 4401;
    public static final int CLOSE_EXPIRED = 4410;
    public static final int CLOSE_ALREADY_ATTACHED = 4409;
    public static final int CLOSE_CAPACITY = 4503;
    public static final int CLOSE_PROTOCOL = 4400;
    public static final int CLOSE_ENDED = 4000;

    private RelayProtocol() {
    }

    static int closeCode(RelayRejectedException.Reason reason) {
        return switch (reason) {
            case BAD_TOKEN -> CLOSE_BAD_TOKEN;
            case EXPIRED -> CLOSE_EXPIRED;
            case ALREADY_ATTACHED -> CLOSE_ALREADY_ATTACHED;
            case CAPACITY -> CLOSE_CAPACITY;
        };
    }

    /** WebSocket close reasons are limited to 123 bytes. */
    static String reason(String message) {
        return message.length() <= 120 ? message : message.substring(0, 120);
    }
}
