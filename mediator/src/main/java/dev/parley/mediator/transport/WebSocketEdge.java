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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.exceptions.MessageTooLargeException;
import org.eclipse.jetty.websocket.api.exceptions.WebSocketTimeoutException;

/**
 * One WebSocket connection: each text or binary message is one DIDComm envelope. Replies go back on the
 * socket; in live mode the engine pushes deliveries through {@link #send}. Everything is sent in the frame type
 * the client last used (binary to a client that sends binary, as Parley's client does, text otherwise): a
 * client reads answers the way it writes, and a binary client is spared decoding every delivery as UTF-8 text
 * only to turn it back into bytes.
 *
 * <p>Up to {@link #MAX_IN_FLIGHT} messages of a connection are handled at once (fewer while the server's
 * {@link InFlightBytes} are over their cap); the next frame is read only when there is room, which is the
 * back-pressure. Reading ahead lets a busy sender's forwards share one group commit instead of each waiting
 * for the previous one's fsync. Order is kept: messages are opened (decrypted) concurrently, but a forward
 * queues its store writes only after the forward before it did, so one connection's forwards are committed
 * and pushed live in arrival order; a message that is not a forward (pickup, acknowledgement, mediation, ...)
 * is acted on only after everything before it on the connection was committed and answered, exactly as if
 * it were alone; and replies go out in arrival order. Nothing is answered or pushed live before its commit.
 *
 * <p>A client that falls more than {@link #MAX_PENDING_SENDS} frames behind is disconnected (slow
 * client); the messages stay queued. Thread-safe.
 */
public final class WebSocketEdge implements Session.Listener, LiveSink {

    static final int MAX_PENDING_SENDS = 256;
    /** Messages of one connection handled at once. */
    static final int MAX_IN_FLIGHT = 8;
    private static final CompletableFuture<Void> NOTHING_BEFORE = CompletableFuture.completedFuture(null);

    private final MediatorEngine engine;
    private final MediatorMetrics metrics;
    private final RateLimiter rateLimiter;
    private final AtomicInteger pending = new AtomicInteger();
    private final String remote;
    private volatile Session session;
    private volatile boolean binaryClient;
    private final Limits limits;
    private final InFlightBytes inFlightBytes;
    private final Object window = new Object();
    private int inFlight; // guarded by window
    private boolean demanding; // guarded by window: a demand() is outstanding
    // Only touched where frames arrive, which Jetty does one at a time (one demand outstanding).
    private CompletableFuture<Void> lastBegun = NOTHING_BEFORE;
    private CompletableFuture<Void> lastAnswered = NOTHING_BEFORE;

    /**
     * @param remote the client address from the upgrade request (the rate-limit key)
     * @param inFlightBytes the server's cap on messages read ahead, shared by its connections
     */
    WebSocketEdge(MediatorEngine engine, MediatorMetrics metrics, RateLimiter rateLimiter, String remote,
            Limits limits, InFlightBytes inFlightBytes) {
        this.engine = engine;
        this.metrics = metrics;
        this.rateLimiter = rateLimiter;
        this.remote = remote;
        this.limits = limits;
        this.inFlightBytes = inFlightBytes;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        this.session = s;
        // Per session, because the container's defaults belong to the relay endpoint sharing it.
        s.setMaxTextMessageSize(limits.maxMessageBytes());
        s.setMaxBinaryMessageSize(limits.maxMessageBytes());
        s.setMaxFrameSize(limits.maxMessageBytes());
        s.setIdleTimeout(limits.webSocketIdleTimeout());
        demandIfRoom();
    }

    @Override
    public void onWebSocketText(String text) {
        binaryClient = false;
        accept(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        binaryClient = true;
        byte[] b = new byte[payload.remaining()];
        payload.get(b);
        callback.succeed();
        accept(b);
    }

    /** Takes a slot in the window, hands the message to its own virtual thread and reads on if there is room. */
    private void accept(byte[] envelope) {
        CompletableFuture<Void> beforeBegun = lastBegun;
        CompletableFuture<Void> beforeAnswered = lastAnswered;
        CompletableFuture<Void> begun = new CompletableFuture<>();
        CompletableFuture<Void> answered = new CompletableFuture<>();
        lastBegun = begun;
        lastAnswered = answered;
        synchronized (window) {
            demanding = false;
            inFlight++;
        }
        inFlightBytes.take(envelope.length);
        Thread.ofVirtual().name("mediator-ws").start(
                () -> handle(envelope, beforeBegun, beforeAnswered, begun, answered));
        demandIfRoom();
    }

    /**
     * Handles one message in its place: opened at once, begun after the message before it began (a forward)
     * or was answered (anything else), answered after the message before it was.
     */
    private void handle(byte[] envelope, CompletableFuture<Void> beforeBegun,
            CompletableFuture<Void> beforeAnswered, CompletableFuture<Void> begun,
            CompletableFuture<Void> answered) {
        try {
            if (!rateLimiter.tryAcquire(remote)) {
                metrics.rejected(RejectReason.RATE_LIMITED);
                session.close(StatusCode.POLICY_VIOLATION, "rate limit exceeded", Callback.NOOP);
                return;
            }
            MediatorEngine.Opened opened = engine.open(envelope, new Channel(remote, Optional.of(this)));
            (opened.isForward() ? beforeBegun : beforeAnswered).join();
            MediatorEngine.Pending pending = engine.begin(opened);
            begun.complete(null);
            beforeAnswered.join();
            Outcome outcome = pending.outcome();
            outcome.reply().ifPresent(this::send);
        } finally {
            begun.complete(null);
            answered.complete(null);
            inFlightBytes.give(envelope.length);
            synchronized (window) {
                inFlight--;
            }
            demandIfRoom();
        }
    }

    /** Asks Jetty for the next frame unless one is already asked for or the window is full. */
    private void demandIfRoom() {
        Session s = session;
        boolean demand;
        synchronized (window) {
            demand = !demanding && s.isOpen() && inFlight < MAX_IN_FLIGHT
                    && (inFlight == 0 || inFlightBytes.hasRoom());
            demanding |= demand;
        }
        if (demand) {
            s.demand(); // outside the lock: Jetty may deliver the next frame on this thread
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
