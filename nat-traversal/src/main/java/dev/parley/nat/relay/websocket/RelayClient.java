package dev.parley.nat.relay.websocket;

import dev.parley.nat.relay.RelayToken;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * A peer's attachment to the relay over the JDK's WebSocket client, kept alive on its own.
 *
 * <p>Frames to send go through a bounded queue drained by one thread (the JDK allows one
 * outstanding send); when the queue is full, or while the client is re-attaching, a frame is
 * dropped, as a congested UDP path would. Received frames are handed to the callback on the
 * client's thread, in order. When the WebSocket drops, the client re-attaches with the same
 * token under {@link RelayReconnect}'s bounded backoff; it ends ({@link State#CLOSED}) only when
 * closed or when the relay refuses the token for good. Thread safe.
 */
public final class RelayClient implements AutoCloseable {
    /** Frames waiting to be sent before new ones are dropped. */
    public static final int SEND_QUEUE = 1024;
    private static final int MAX_FRAME = 64 * 1024;

    /** Where the attachment stands. */
    public enum State {
        /** Attached: frames flow. */
        ATTACHED,
        /** The WebSocket dropped; re-attaching with backoff, frames are dropped meanwhile. */
        RECONNECTING,
        /** Closed by the caller, or refused for good by the relay. Terminal. */
        CLOSED
    }

    private final URI relay;
    private final RelayToken token;
    private final Duration timeout;
    private final Consumer<byte[]> onFrame;
    private final Consumer<State> onState;
    private final RelayReconnect policy;
    private final RandomGenerator random;
    private final BlockingQueue<byte[]> outbound = new ArrayBlockingQueue<>(SEND_QUEUE);
    private final ScheduledExecutorService timer;
    private State state = State.ATTACHED;
    private Connection current;
    private int attempt;
    private Thread sender;

    private RelayClient(URI relay, RelayToken token, Duration timeout, Consumer<byte[]> onFrame,
                        RelayReconnect policy, Consumer<State> onState, RandomGenerator random) {
        this.relay = relay;
        this.token = token;
        this.timeout = timeout;
        this.onFrame = onFrame;
        this.policy = policy;
        this.onState = onState;
        this.random = random;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon()
                .name("relay-keepalive").unstarted(r));
    }

    /**
     * Starts building the process-wide HTTP client, and runs one WebSocket handshake with it on
     * loopback, in the background. Call it early (at startup, while the user is still pasting an
     * invitation) so the first attach does not pay for either. Idempotent and cheap after the first call.
     *
     * @return completes (normally, even if warming failed) once the warm-up is over; callers need not wait
     */
    public static CompletableFuture<Void> prewarm() {
        return SharedHttpClient.prewarm();
    }

    /** {@link #connect(URI, RelayToken, Duration, Consumer, RelayReconnect, Consumer)} with default keepalive. */
    public static RelayClient connect(URI relay, RelayToken token, Duration timeout, Consumer<byte[]> onFrame)
            throws RelayConnectException, InterruptedException {
        return connect(relay, token, timeout, onFrame, RelayReconnect.defaults(), state -> { });
    }

    /**
     * Connects, presents the token and waits until the relay confirms the attachment. Later drops
     * are repaired in the background; {@code onState} hears every change after this returns.
     *
     * @param timeout bounds the connect, the token send and the relay's confirmation, each time it attaches
     * @throws RelayConnectException when the relay is unreachable, refuses the token, or does not answer in time
     */
    public static RelayClient connect(URI relay, RelayToken token, Duration timeout, Consumer<byte[]> onFrame,
                                      RelayReconnect policy, Consumer<State> onState)
            throws RelayConnectException, InterruptedException {
        RelayClient client = new RelayClient(relay, token, timeout, onFrame, policy, onState, new SecureRandom());
        try {
            client.current = client.attach();
        } catch (RelayConnectException | InterruptedException e) {
            client.timer.shutdownNow();
            throw e;
        }
        client.sender = Thread.ofPlatform().daemon().name("relay-send").start(client::drain);
        long ping = policy.pingInterval().toMillis();
        client.timer.scheduleWithFixedDelay(client::ping, ping, ping, TimeUnit.MILLISECONDS);
        return client;
    }

    /** Queues one frame; returns false when it was dropped (queue full, re-attaching, or closed). */
    public boolean send(byte[] frame) {
        synchronized (this) {
            if (state != State.ATTACHED) {
                return false;
            }
        }
        return outbound.offer(frame.clone());
    }

    /** True until the client is closed or the relay refused the token for good; also true while re-attaching. */
    public synchronized boolean isOpen() {
        return state != State.CLOSED;
    }

    public synchronized State state() {
        return state;
    }

    /** One WebSocket attempt: connect, send the token, wait for {@link RelayProtocol#ATTACHED}. */
    private Connection attach() throws RelayConnectException, InterruptedException {
        Connection c = new Connection();
        long ms = timeout.toMillis();
        try {
            WebSocket socket = SharedHttpClient.get().get(ms, TimeUnit.MILLISECONDS).newWebSocketBuilder()
                    .connectTimeout(timeout).buildAsync(relay, c).get(ms, TimeUnit.MILLISECONDS);
            c.socket = socket;
            socket.sendBinary(ByteBuffer.wrap(token.encode()), true).get(ms, TimeUnit.MILLISECONDS);
            c.attached.get(ms, TimeUnit.MILLISECONDS);
            return c;
        } catch (ExecutionException e) {
            c.abort();
            if (e.getCause() instanceof RelayConnectException rce) {
                throw rce;
            }
            throw new RelayConnectException("cannot reach relay " + relay + ": " + e.getCause(), 0);
        } catch (TimeoutException e) {
            c.abort();
            throw new RelayConnectException("relay " + relay + " did not confirm attachment within " + ms + " ms", 0);
        } catch (InterruptedException e) {
            c.abort();
            throw e;
        }
    }

    /** Codes after which the same token can never attach again. */
    private static boolean permanent(int closeCode) {
        return closeCode == RelayProtocol.CLOSE_BAD_TOKEN || closeCode == RelayProtocol.CLOSE_EXPIRED
                || closeCode == RelayProtocol.CLOSE_ENDED || closeCode == RelayProtocol.CLOSE_PROTOCOL;
    }

    private void lost(Connection c, int closeCode) {
        State next;
        synchronized (this) {
            if (c != current || state != State.ATTACHED) {
                return;
            }
            next = permanent(closeCode) ? State.CLOSED : State.RECONNECTING;
            state = next;
            attempt = 0;
        }
        c.abort();
        outbound.clear();
        onState.accept(next);
        if (next == State.CLOSED) {
            stopThreads();
        } else {
            scheduleReattach();
        }
    }

    private void scheduleReattach() {
        int n;
        synchronized (this) {
            n = attempt;
        }
        long base = policy.backoff(n).toMillis();
        long delay = base / 2 + random.nextLong(base / 2 + 1);
        try {
            timer.schedule(this::reattach, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The client was closed meanwhile: there is nothing left to re-attach.
            return;
        }
    }

    private void reattach() {
        synchronized (this) {
            if (state != State.RECONNECTING) {
                return;
            }
        }
        State next;
        try {
            Connection c = attach();
            synchronized (this) {
                if (state != State.RECONNECTING) {
                    c.abort();
                    return;
                }
                current = c;
                state = State.ATTACHED;
                next = State.ATTACHED;
            }
        } catch (RelayConnectException e) {
            synchronized (this) {
                if (state != State.RECONNECTING) {
                    return;
                }
                if (permanent(e.closeCode())) {
                    state = State.CLOSED;
                    next = State.CLOSED;
                } else {
                    attempt++;
                    next = null;
                }
            }
            if (next == null) {
                scheduleReattach();
                return;
            }
            stopThreads();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        onState.accept(next);
    }

    private void ping() {
        Connection c;
        synchronized (this) {
            c = state == State.ATTACHED ? current : null;
        }
        if (c == null) {
            return;
        }
        long silentFor = System.nanoTime() - c.lastHeard;
        if (silentFor > 2 * policy.pingInterval().toNanos() + timeout.toNanos()) {
            lost(c, 0);
        } else {
            c.socket.sendPing(ByteBuffer.allocate(0));
        }
    }

    private void drain() {
        try {
            while (true) {
                byte[] frame = outbound.take();
                Connection c;
                synchronized (this) {
                    if (state == State.CLOSED) {
                        return;
                    }
                    c = state == State.ATTACHED ? current : null;
                }
                if (c == null) {
                    continue;
                }
                try {
                    c.socket.sendBinary(ByteBuffer.wrap(frame), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    lost(c, 0);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopThreads() {
        timer.shutdownNow();
        if (sender != null) {
            sender.interrupt();
        }
    }

    @Override
    public void close() {
        Connection c;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            c = current;
        }
        stopThreads();
        if (c != null) {
            WebSocket s = c.socket;
            s.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(1, TimeUnit.SECONDS)
                    .whenComplete((ws, error) -> s.abort());
        }
    }

    /** One WebSocket connection and its listener; a re-attach makes a new one. */
    private final class Connection implements WebSocket.Listener {
        private final CompletableFuture<Void> attached = new CompletableFuture<>();
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        private final AtomicBoolean aborted = new AtomicBoolean();
        private volatile WebSocket socket;
        private volatile long lastHeard = System.nanoTime();

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            lastHeard = System.nanoTime();
            if (partial.size() + data.remaining() > MAX_FRAME) {
                attached.completeExceptionally(new RelayConnectException("relay sent a frame over "
                        + MAX_FRAME + " bytes", RelayProtocol.CLOSE_PROTOCOL));
                lost(this, RelayProtocol.CLOSE_PROTOCOL);
                return null;
            }
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            partial.writeBytes(chunk);
            if (last) {
                byte[] frame = partial.toByteArray();
                partial.reset();
                if (!attached.isDone()) {
                    if (frame.length == 1 && frame[0] == RelayProtocol.ATTACHED) {
                        attached.complete(null);
                    } else {
                        attached.completeExceptionally(new RelayConnectException(
                                "relay sent an unexpected first frame", RelayProtocol.CLOSE_PROTOCOL));
                    }
                } else {
                    onFrame.accept(frame);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            lastHeard = System.nanoTime();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            attached.completeExceptionally(new RelayConnectException(
                    "relay refused the attachment (" + statusCode + "): " + reason, statusCode));
            lost(this, statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            attached.completeExceptionally(new RelayConnectException("relay connection failed: " + error, 0));
            lost(this, 0);
        }

        void abort() {
            WebSocket s = socket;
            if (s != null && aborted.compareAndSet(false, true)) {
                s.abort();
            }
        }
    }
}
