package dev.parley.nat.relay.websocket;

import java.io.IOException;

/** The relay could not be reached or refused the token; {@link #closeCode()} is the relay's code, or 0. */
public final class RelayConnectException extends IOException {
    private final int closeCode;

    public RelayConnectException(String message, int closeCode) {
        super(message);
        this.closeCode = closeCode;
    }

    public int closeCode() {
        return closeCode;
    }
}
