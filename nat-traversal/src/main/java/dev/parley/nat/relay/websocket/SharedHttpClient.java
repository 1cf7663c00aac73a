package dev.parley.nat.relay.websocket;

import java.net.http.HttpClient;
import java.util.concurrent.CompletableFuture;

/**
 * One JDK {@link HttpClient} for every relay connection in the process. Building the first one
 * in a fresh JVM costs a few hundred milliseconds (TLS context, selector, class loading), which
 * was most of a cold peer's time to its first relayed datagram; building it once, in the
 * background and as early as possible, takes that off the critical path. Thread safe.
 */
final class SharedHttpClient {
    private static CompletableFuture<HttpClient> client;

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
}
