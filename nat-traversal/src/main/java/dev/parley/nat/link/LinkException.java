package dev.parley.nat.link;

/** No link could be formed, or a candidate blob is unusable; the message says what to check. */
public final class LinkException extends Exception {
    public LinkException(String message) {
        super(message);
    }

    public LinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
