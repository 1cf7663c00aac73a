package dev.parley.didcomm.mediator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.didcomm.envelope.Unpacked;
import dev.parley.didcomm.message.Message;
import dev.parley.didcomm.problem.DidCommException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * A live pickup connection (message-pickup 4.0 live mode over WebSocket). On every (re)connect it turns
 * live mode on and asks for what is queued; each delivery is opened, new messages go to the sink, then the
 * delivery is acknowledged with messages-received. A dropped connection is reopened with backoff; messages
 * that arrived meanwhile wait in the mediator's queue and come with the next delivery, and ids seen before
 * are acknowledged without reaching the sink again.
 *
 * <p>Thread-safe; callbacks run on OkHttp's WebSocket thread, one message at a time.
 */
public final class LiveConnection implements AutoCloseable {

    private static final int DRAIN_BATCH = 100;

    private final MediatorClient client;
    private final OkHttpClient http;
    private final URI wsUrl;
    private final Consumer<Unpacked> sink;
    private final Consumer<String> errors;
    private final RetryPolicy retry;
    private final SecureRandom random;
    private final ScheduledExecutorService reconnects = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("mediator-live-reconnect").daemon().factory());
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private volatile WebSocket socket;
    private volatile boolean closed;
    private volatile boolean open;
    private int failures; // guarded by this

    LiveConnection(MediatorClient client, OkHttpClient http, URI wsUrl, Consumer<Unpacked> sink,
            Consumer<String> errors, RetryPolicy retry, SecureRandom random) {
        this.client = client;
        this.http = http.newBuilder().readTimeout(java.time.Duration.ZERO).callTimeout(java.time.Duration.ZERO)
                .pingInterval(java.time.Duration.ofSeconds(30)).build();
        this.wsUrl = Objects.requireNonNull(wsUrl, "wsUrl");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.retry = retry;
        this.random = random;
        connect();
    }

    /** Whether live mode is on right now (false while reconnecting). */
    public boolean isOpen() {
        return open;
    }

    private void connect() {
        if (closed) {
            return;
        }
        socket = http.newWebSocket(new Request.Builder().url(wsUrl.toString()).build(), new Listener());
    }

    private final class Listener extends WebSocketListener {
        @Override
        public void onOpen(WebSocket ws, Response response) {
            try {
                ObjectNode live = nodes.objectNode().put("live_delivery", true);
                ws.send(ByteString.of(client.sealRequest(MediatorClient.PICKUP4 + "live-delivery-change", live)));
                ObjectNode drain = nodes.objectNode().put("message_count_limit", DRAIN_BATCH);
                ws.send(ByteString.of(client.sealRequest(MediatorClient.PICKUP4 + "delivery-request", drain)));
            } catch (MediatorClientException e) {
                errors.accept(e.getMessage());
                ws.close(1011, "cannot encrypt to the mediator");
            }
        }

        @Override
        public void onMessage(WebSocket ws, String text) {
            handle(ws, text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void onMessage(WebSocket ws, ByteString bytes) {
            handle(ws, bytes.toByteArray());
        }

        @Override
        public void onClosing(WebSocket ws, int code, String reason) {
            ws.close(1000, null);
        }

        @Override
        public void onClosed(WebSocket ws, int code, String reason) {
            lost("the mediator closed the live connection (" + code + " " + reason + ")");
        }

        @Override
        public void onFailure(WebSocket ws, Throwable t, Response response) {
            lost("the live connection failed: " + t.getMessage());
        }
    }

    private void handle(WebSocket ws, byte[] envelope) {
        Message m;
        try {
            m = client.openReply(envelope);
        } catch (DidCommException | MediatorClientException e) {
            errors.accept("ignored an unreadable message on the live connection: " + e.getMessage());
            return;
        }
        if (m.type().endsWith("/status")) {
            if (m.body().path("live_delivery").asBoolean(false)) {
                synchronized (this) {
                    failures = 0;
                }
                open = true;
            }
            return;
        }
        if (m.type().endsWith(MediatorClient.PROBLEM)) {
            errors.accept("the mediator refused a live request (" + m.body().path("code").asText() + "): "
                    + m.body().path("comment").asText());
            return;
        }
        if (!m.type().endsWith("/delivery") || m.attachments().isEmpty()) {
            return;
        }
        MediatorClient.Delivery d = client.openDelivery(m);
        d.fresh().forEach(sink);
        ObjectNode ack = nodes.objectNode();
        ArrayNode ids = ack.putArray("message_id_list");
        d.queueIds().forEach(ids::add);
        try {
            ws.send(ByteString.of(client.sealRequest(MediatorClient.PICKUP4 + "messages-received", ack)));
            if (m.thid() != null && d.queueIds().size() >= DRAIN_BATCH) {
                ObjectNode drain = nodes.objectNode().put("message_count_limit", DRAIN_BATCH);
                ws.send(ByteString.of(client.sealRequest(MediatorClient.PICKUP4 + "delivery-request", drain)));
            }
        } catch (MediatorClientException e) {
            errors.accept(e.getMessage());
        }
    }

    private void lost(String why) {
        open = false;
        if (closed) {
            return;
        }
        errors.accept(why);
        int n;
        synchronized (this) {
            n = ++failures;
        }
        long wait = retry.backoff(Math.min(n, 30), random).toMillis();
        reconnects.schedule(this::connect, wait, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        open = false;
        WebSocket ws = socket;
        if (ws != null) {
            ws.close(1000, "client closed");
        }
        reconnects.shutdownNow();
    }
}
