package dev.parley.nat.relay.websocket;

import dev.parley.nat.relay.RelayToken;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A peer's connection to the relay over the JDK's WebSocket client. Frames to send go through a
 * bounded queue drained by one thread (the JDK allows one outstanding send); when the queue is
 * full a frame is dropped, as a congested UDP path would. Received frames are handed to the
 * callback on the client's thread, in order. Thread safe.
 */
public final class RelayClient implements AutoCloseable {
    /** Frames waiting to be sent before new ones are dropped. */
    public static final int SEND_QUEUE = 1024;
    private static final int MAX_FRAME = 64 * 1024;

    private final BlockingQueue<byte[]> outbound = new ArrayBlockingQueue<>(SEND_QUEUE);
    private final CompletableFuture<Void> attached = new CompletableFuture<>();
    private final Consumer<byte[]> onFrame;
    private volatile WebSocket socket;
    private volatile boolean closed;
    private Thread sender;

    private RelayClient(Consumer<byte[]> onFrame) {
        this.onFrame = onFrame;
    }

    /**
     * Connects, presents the token and waits until the relay confirms the attachment.
     *
     * @throws RelayConnectException when the relay is unreachable, refuses the token, or does not answer in time
     */
    public static RelayClient connect(URI relay, RelayToken token, Duration timeout, Consumer<byte[]> onFrame)
            throws RelayConnectException, InterruptedException {
        RelayClient client = new RelayClient(onFrame);
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        try {
            client.socket = http.newWebSocketBuilder().connectTimeout(timeout)
                    .buildAsync(relay, client.new Listener()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            client.socket.sendBinary(ByteBuffer.wrap(token.encode()), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            client.attached.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            client.abort();
            Throwable cause = e.getCause();
            if (cause instanceof RelayConnectException rce) {
                throw rce;
            }
            throw new RelayConnectException("cannot reach relay " + relay + ": " + cause, 0);
        } catch (TimeoutException e) {
            client.abort();
            throw new RelayConnectException("relay " + relay + " did not confirm attachment within "
                    + timeout.toMillis() + " ms", 0);
        }
        client.sender = Thread.ofPlatform().daemon().name("relay-send").start(client::drain);
        return client;
    }

    /** Queues one frame; returns false when it was dropped (queue full or connection closed). */
    public boolean send(byte[] frame) {
        return !closed && outbound.offer(frame.clone());
    }

    public boolean isOpen() {
        return !closed;
    }

    private void drain() {
        try {
            while (!closed) {
                byte[] frame = outbound.poll(200, TimeUnit.MILLISECONDS);
                if (frame != null) {
                    socket.sendBinary(ByteBuffer.wrap(frame), true).get();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            closed = true;
        }
    }

    private void abort() {
        closed = true;
        if (socket != null) {
            socket.abort();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (sender != null) {
            sender.interrupt();
        }
        WebSocket s = socket;
        if (s != null) {
            s.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(1, TimeUnit.SECONDS)
                    .whenComplete((ws, error) -> s.abort());
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            if (partial.size() + data.remaining() > MAX_FRAME) {
                webSocket.abort();
                closed = true;
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
                        attached.completeExceptionally(new RelayConnectException("relay sent an unexpected first frame", 0));
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
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = true;
            attached.completeExceptionally(new RelayConnectException(
                    "relay refused the attachment (" + statusCode + "): " + reason, statusCode));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed = true;
            attached.completeExceptionally(new RelayConnectException("relay connection failed: " + error, 0));
        }
    }
}
