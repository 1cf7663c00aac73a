package dev.parley.nat.link;

import java.io.IOException;

/** The link was closed (by this side, or because every path failed); open a new one. */
public final class LinkClosedException extends IOException {
    public LinkClosedException(String message) {
        super(message);
    }
}
