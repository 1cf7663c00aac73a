package dev.parley.didcomm.mediator;

import java.time.Instant;
import java.util.Objects;

/** A short link a mediator made for an invitation, and when it stops working. */
public record ShortenedUrl(String url, Instant expires) {
    /** Short links are short; a mediator answering more is not answering shorten-url. */
    public static final int MAX_LENGTH = 512;

    public ShortenedUrl {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(expires, "expires");
    }
}
