package dev.parley.nat.relay.websocket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JDK {@link HttpClient} for every relay connection in the process. In a fresh JVM, building
 * the first client costs a few hundred milliseconds (TLS context, selector, class loading) and
 * the first WebSocket handshake another hundred or so (HTTP/1.1 exchange and WebSocket classes):
 * most of a cold peer's time to its first relayed datagram. {@link #prewarm} pays both in the
 * background, the handshake against a one-shot responder on loopback that never leaves the
 * machine. Thread safe.
 */
final class SharedHttpClient {
    private static final Logger LOG = LoggerFactory.getLogger(SharedHttpClient.class);
    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(2);
    private static final int MAX_REQUEST_HEAD = 8192;
    private static final Pattern KEY = Pattern.compile("(?im)^Sec-WebSocket-Key:\\s*([A-Za-z0-9+/=]{16,64})\\s*$");
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static CompletableFuture<HttpClient> client;
    private static CompletableFuture<Void> warmed;

    private SharedHttpClient() {
    }

    /** Starts building the client if nobody has yet; the future completes once it exists. */
    static synchronized CompletableFuture<HttpClient> get() {
        if (client == null) {
            client = CompletableFuture.supplyAsync(() -> HttpClient.newBuilder().build(),
                    task -> Thread.ofPlatform().daemon().name("relay-http-init").start(task));
        }
        return client;
    }

    /**
     * Builds the client and runs one loopback WebSocket handshake with it, in the background.
     * Idempotent. The future completes when both are done, normally even when the warm-up failed.
     */
    static synchronized CompletableFuture<Void> prewarm() {
        if (warmed == null) {
            warmed = get().thenAcceptAsync(SharedHttpClient::warmWebSocket,
                    task -> Thread.ofPlatform().daemon().name("relay-http-warm").start(task))
                    .exceptionally(e -> {
                        LOG.debug("relay HTTP client could not be built ahead of time: {}", e.toString());
                        return null;
                    });
        }
        return warmed;
    }

    private static void warmWebSocket(HttpClient http) {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout((int) WARM_UP_LIMIT.toMillis());
            Thread responder = Thread.ofVirtual().name("relay-http-warm-responder").start(() -> respond(server));
            URI uri = URI.create("ws://" + InetAddress.getLoopbackAddress().getHostAddress() + ":"
                    + server.getLocalPort() + "/warm-up");
            WebSocket ws = http.newWebSocketBuilder().connectTimeout(WARM_UP_LIMIT)
                    .buildAsync(uri, new WebSocket.Listener() { }).get(WARM_UP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            ws.sendBinary(ByteBuffer.wrap(new byte[] {0}), true).get(WARM_UP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            ws.abort();
            responder.join(WARM_UP_LIMIT);
        } catch (IOException | ExecutionException | TimeoutException e) {
            LOG.debug("relay client warm-up did not complete; the first attach will be slower: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Answers one upgrade request with 101 and reads until the client goes away; bounded in size and time. */
    private static void respond(ServerSocket server) {
        try (Socket socket = server.accept()) {
            socket.setSoTimeout((int) WARM_UP_LIMIT.toMillis());
            InputStream in = socket.getInputStream();
            byte[] head = new byte[MAX_REQUEST_HEAD];
            int length = 0;
            while (length < head.length && !new String(head, 0, length, StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                int n = in.read(head, length, head.length - length);
                if (n < 0) {
                    return;
                }
                length += n;
            }
            Matcher key = KEY.matcher(new String(Arrays.copyOf(head, length), StandardCharsets.ISO_8859_1));
            if (!key.find()) {
                return;
            }
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key.group(1) + ACCEPT_GUID).getBytes(StandardCharsets.ISO_8859_1)));
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException | NoSuchAlgorithmException e) {
            LOG.debug("relay client warm-up responder stopped: {}", e.toString());
        }
    }
}
