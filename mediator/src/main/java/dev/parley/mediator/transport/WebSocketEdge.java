package dev.parley.mediator.transport;

import dev.parley.mediator.limit.Limits;
import dev.parley.mediator.limit.RateLimiter;
import dev.parley.mediator.metrics.MediatorMetrics;
import dev.parley.mediator.metrics.RejectReason;
import dev.parley.mediator.protocol.Channel;
import dev.parley.mediator.protocol.LiveSink;
import dev.parley.mediator.protocol.MediatorEngine;
import dev.parley.mediator.protocol.Outcome;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.exceptions.MessageTooLargeException;
import org.eclipse.jetty.websocket.api.exceptions.WebSocketTimeoutException;

/**
 * One WebSocket connection: each text or binary message is one DIDComm envelope, handled in arrival order
 * (the next message is demanded only after the previous one was answered, which is the back-pressure).
 * Replies go back on the socket; in live mode the engine pushes deliveries through {@link #send}. Everything
 * is sent in the frame type the client last used (binary to a client that sends binary, as Parley's client
 * does, text otherwise): a client reads answers the way it writes, and a binary client is spared decoding
 * every delivery as UTF-8 text only to turn it back into bytes.
 *
 * <p>A client that falls more than {@link #MAX_PENDING_SENDS} frames behind is disconnected (slow
 * client); the messages stay queued. Thread-safe.
 */
public final class WebSocketEdge implements Session.Listener, LiveSink {

    static final int MAX_PENDING_SENDS = 256;

    private final MediatorEngine engine;
    private final MediatorMetrics metrics;
    private final RateLimiter rateLimiter;
    private final AtomicInteger pending = new AtomicInteger();
    private final String remote;
    private volatile Session session;
    private volatile boolean binaryClient;

    private final Limits limits;

    /** @param remote the client address from the upgrade request (the rate-limit key) */
    WebSocketEdge(MediatorEngine engine, MediatorMetrics metrics, RateLimiter rateLimiter, String remote,
            Limits limits) {
        this.engine = engine;
        this.metrics = metrics;
        this.rateLimiter = rateLimiter;
        this.remote = remote;
        this.limits = limits;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        this.session = s;
        // Per session, because the container's defaults belong to the relay endpoint sharing it.
        s.setMaxTextMessageSize(limits.maxMessageBytes());
        s.setMaxBinaryMessageSize(limits.maxMessageBytes());
        s.setMaxFrameSize(limits.maxMessageBytes());
        s.setIdleTimeout(limits.webSocketIdleTimeout());
        s.demand();
    }

    @Override
    public void onWebSocketText(String text) {
        binaryClient = false;
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        Thread.ofVirtual().name("mediator-ws").start(() -> handle(b));
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        binaryClient = true;
        byte[] b = new byte[payload.remaining()];
        payload.get(b);
        callback.succeed();
        Thread.ofVirtual().name("mediator-ws").start(() -> handle(b));
    }

    private void handle(byte[] envelope) {
        Session s = session;
        try {
            if (!rateLimiter.tryAcquire(remote)) {
                metrics.rejected(RejectReason.RATE_LIMITED);
                s.close(StatusCode.POLICY_VIOLATION, "rate limit exceeded", Callback.NOOP);
                return;
            }
            Outcome outcome = engine.handle(envelope, new Channel(remote, Optional.of(this)));
            outcome.reply().ifPresent(this::send);
        } finally {
            if (s.isOpen()) {
                s.demand();
            }
        }
    }

    @Override
    public boolean send(byte[] envelope) {
        Session s = session;
        if (s == null || !s.isOpen()) {
            return false;
        }
        if (pending.incrementAndGet() > MAX_PENDING_SENDS) {
            pending.decrementAndGet();
            metrics.rejected(RejectReason.SLOW_CLIENT);
            s.close(StatusCode.POLICY_VIOLATION, "client too slow to receive", Callback.NOOP);
            return false;
        }
        Callback done = Callback.from(pending::decrementAndGet, failure -> pending.decrementAndGet());
        if (binaryClient) {
            s.sendBinary(ByteBuffer.wrap(envelope), done);
        } else {
            s.sendText(new String(envelope, StandardCharsets.UTF_8), done);
        }
        return true;
    }

    @Override
    public boolean isOpen() {
        Session s = session;
        return s != null && s.isOpen();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        if (cause instanceof WebSocketTimeoutException) {
            metrics.rejected(RejectReason.WEBSOCKET_IDLE);
        } else if (cause instanceof MessageTooLargeException) {
            metrics.rejected(RejectReason.TOO_LARGE);
        }
        engine.connectionClosed(this);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        engine.connectionClosed(this);
        callback.succeed();
    }
}
