package dev.parley.mediator.transport;

import dev.parley.mediator.store.MediatorStore;
import dev.parley.mediator.store.ShortLink;
import dev.parley.mediator.store.StoreException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Resolves short links (shorten-url 1.0): a browser gets a 302 to the long URL; a client that asks for
 * {@code application/json} gets the out-of-band message itself (DIDComm "short URL message retrieval") when
 * the long URL carries one in {@code _oob}, else {@code {"url": ...}}. Unknown and expired links are 404.
 * Thread-safe.
 */
public final class ShortLinkPage {

    private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9_-]{4,64}");
    private final MediatorStore store;
    private final Clock clock;

    public ShortLinkPage(MediatorStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void handle(String slug, Request request, Response response, Callback callback) {
        if (!SLUG.matcher(slug).matches()) {
            HttpEdge.send(response, callback, 404, "text/plain", "no such short link");
            return;
        }
        Optional<ShortLink> link;
        try {
            link = store.shortLink(slug, clock.instant());
        } catch (StoreException e) {
            HttpEdge.send(response, callback, 503, "text/plain", "short links are unavailable; retry later");
            return;
        }
        if (link.isEmpty()) {
            HttpEdge.send(response, callback, 404, "text/plain", "no such short link, or it expired");
            return;
        }
        String accept = request.getHeaders().get(HttpHeader.ACCEPT);
        if (accept != null && accept.contains("application/json")) {
            Optional<String> oob = oobMessage(link.get().url());
            String json = oob.orElseGet(() -> "{\"url\":" + jsonString(link.get().url()) + "}");
            HttpEdge.send(response, callback, 200, "application/json", json);
            return;
        }
        response.setStatus(302);
        response.getHeaders().put(HttpHeader.LOCATION, link.get().url());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        callback.succeeded();
    }

    /** The decoded {@code _oob} parameter of an invitation URL, if present and valid base64url. */
    static Optional<String> oobMessage(String url) {
        try {
            String query = URI.create(url).getRawQuery();
            if (query == null) {
                return Optional.empty();
            }
            for (String part : query.split("&")) {
                if (part.startsWith("_oob=")) {
                    String value = URLDecoder.decode(part.substring(5), StandardCharsets.UTF_8);
                    return Optional.of(new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8));
                }
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not an invitation URL: the caller answers with the URL itself
        }
        return Optional.empty();
    }

    private static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
