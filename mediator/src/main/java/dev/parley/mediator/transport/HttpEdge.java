package dev.parley.mediator.transport;

import dev.parley.mediator.limit.Limits;
import dev.parley.mediator.limit.RateLimiter;
import dev.parley.mediator.metrics.MediatorMetrics;
import dev.parley.mediator.metrics.RejectReason;
import dev.parley.mediator.protocol.Channel;
import dev.parley.mediator.protocol.MediatorEngine;
import dev.parley.mediator.protocol.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Every HTTP route except the WebSocket upgrade: {@code POST /} (DIDComm), {@code GET /healthz},
 * {@code GET /metrics}, {@code GET /s/{slug}} (short links) and {@code GET /invitation} (the mediator's own
 * out-of-band invitation, so a client given only the base URL can learn the mediator's DID).
 *
 * <p>A DIDComm POST is rate-limited per remote address before its body is touched, refused with 413 as
 * soon as its declared or streamed length passes the limit (the rest of the body is never read), and
 * refused with 415 unless its content type is a DIDComm media type. Blocking: Jetty runs it on a virtual
 * thread. Thread-safe.
 */
public final class HttpEdge extends Handler.Abstract {

    /** Media types a DIDComm POST may carry. */
    public static final Set<String> DIDCOMM_MEDIA_TYPES = Set.of("application/didcomm-encrypted+json",
            "application/didcomm-signed+json", "application/didcomm-plain+json");

    private final MediatorEngine engine;
    private final MediatorMetrics metrics;
    private final RateLimiter rateLimiter;
    private final Limits limits;
    private final ShortLinkPage shortLinks;
    private final HealthCheck health;
    private final String invitationUrl;

    /** Whether the mediator can serve: the database answers. */
    @FunctionalInterface
    public interface HealthCheck {
        boolean healthy();
    }

    public HttpEdge(MediatorEngine engine, MediatorMetrics metrics, RateLimiter rateLimiter, Limits limits,
            ShortLinkPage shortLinks, HealthCheck health, String invitationUrl) {
        super(InvocationType.BLOCKING);
        this.engine = Objects.requireNonNull(engine, "engine");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.shortLinks = Objects.requireNonNull(shortLinks, "shortLinks");
        this.health = Objects.requireNonNull(health, "health");
        this.invitationUrl = Objects.requireNonNull(invitationUrl, "invitationUrl");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        if (method.equals("POST") && (path.equals("/") || path.equals("/didcomm"))) {
            didcomm(request, response, callback);
        } else if (method.equals("GET") && path.equals("/healthz")) {
            boolean ok = health.healthy();
            send(response, callback, ok ? 200 : 503, "application/json",
                    ok ? "{\"status\":\"ok\"}" : "{\"status\":\"unavailable\"}");
        } else if (method.equals("GET") && path.equals("/invitation")) {
            send(response, callback, 200, "text/plain; charset=utf-8", invitationUrl);
        } else if (method.equals("GET") && path.equals("/metrics")) {
            send(response, callback, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
        } else if (method.equals("GET") && path.startsWith("/s/")) {
            if (!rateLimiter.tryAcquire(Request.getRemoteAddr(request))) {
                metrics.rejected(RejectReason.RATE_LIMITED);
                send(response, callback, 429, "text/plain", "too many requests; slow down");
                return true;
            }
            shortLinks.handle(path.substring(3), request, response, callback);
        } else {
            send(response, callback, 404, "text/plain", "not found: this mediator answers POST / (DIDComm), "
                    + "GET /ws (WebSocket), /invitation, /healthz, /metrics and /s/{link}");
        }
        return true;
    }

    private void didcomm(Request request, Response response, Callback callback) throws IOException {
        String remote = Request.getRemoteAddr(request);
        if (!rateLimiter.tryAcquire(remote)) {
            metrics.rejected(RejectReason.RATE_LIMITED);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            send(response, callback, 429, "text/plain", "too many requests from this address; slow down");
            return;
        }
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        String media = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!DIDCOMM_MEDIA_TYPES.contains(media)) {
            metrics.rejected(RejectReason.WRONG_CONTENT_TYPE);
            send(response, callback, HttpStatus.UNSUPPORTED_MEDIA_TYPE_415, "text/plain",
                    "content type must be one of " + DIDCOMM_MEDIA_TYPES);
            return;
        }
        long declared = request.getLength();
        if (declared > limits.maxMessageBytes()) {
            tooLarge(response, callback);
            return;
        }
        byte[] body;
        try {
            body = readBounded(request, limits.maxMessageBytes());
        } catch (IOException e) {
            // The body stopped arriving: too slow for the minimum data rate, idle, or the client went away.
            metrics.rejected(RejectReason.SLOW_CLIENT);
            throw e;
        }
        if (body == null) {
            tooLarge(response, callback);
            return;
        }
        Outcome outcome = engine.handle(body, Channel.http(remote));
        response.setStatus(outcome.status());
        if (outcome.reply().isPresent()) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, outcome.mediaType());
            response.write(true, ByteBuffer.wrap(outcome.reply().get()), callback);
        } else {
            callback.succeeded();
        }
    }

    private void tooLarge(Response response, Callback callback) {
        metrics.rejected(RejectReason.TOO_LARGE);
        // The unread rest of the body makes Jetty close the connection after this answer.
        send(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, "text/plain",
                "message too large: this mediator accepts at most " + limits.maxMessageBytes() + " bytes");
    }

    /** Reads at most {@code max} bytes; null when the body is longer (the rest is left unread). */
    private static byte[] readBounded(Request request, int max) throws IOException {
        try (InputStream in = Request.asInputStream(request)) {
            byte[] body = in.readNBytes(max);
            if (body.length == max && in.read() != -1) {
                return null;
            }
            return body;
        }
    }

    static void send(Response response, Callback callback, int status, String contentType, String text) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
