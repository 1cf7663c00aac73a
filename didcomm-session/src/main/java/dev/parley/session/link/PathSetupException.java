package dev.parley.session.link;

import java.io.IOException;

/** No datagram path could be made: gathering failed, the peer's blob was malformed, or no check succeeded in time. */
public final class PathSetupException extends IOException {
    public PathSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
