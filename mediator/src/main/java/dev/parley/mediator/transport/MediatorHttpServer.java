package dev.parley.mediator.transport;

import dev.parley.mediator.limit.Limits;
import dev.parley.mediator.limit.RateLimiter;
import dev.parley.mediator.metrics.MediatorMetrics;
import dev.parley.mediator.protocol.MediatorEngine;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import dev.parley.nat.relay.RelayServerCore;
import dev.parley.nat.relay.websocket.RelayWebSocket;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The Jetty 12 server: one HTTP/1.1 connector, handlers run on virtual threads, the WebSocket endpoints
 * at {@code /ws} (DIDComm) and {@code /relay} (nat-traversal's relay), and every connection-level limit (concurrent connections, idle time, minimum request
 * data rate, WebSocket message size and idle time). Not thread-safe: start and stop from one thread.
 */
public final class MediatorHttpServer implements AutoCloseable {

    /**
     * WebSocket messages read ahead of the one a connection is handling, in bytes, across all connections
     * (see {@link WebSocketEdge}): about 5,000 forwards of 12 KB, ample for group commits of hundreds.
     */
    static final long MAX_WEBSOCKET_IN_FLIGHT_BYTES = 64L << 20;

    private final Server server;
    private final ServerConnector connector;

    private final Limits limits;

    /**
     * Prepares the server; nothing listens until {@link #open()}.
     *
     * @param bind address to listen on; port 0 picks a free port (see {@link #port()})
     */
    public MediatorHttpServer(InetSocketAddress bind, Limits limits, ProxyMode proxyMode) {
        this.limits = limits;
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("mediator-http");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(16 * 1024);
        if (proxyMode == ProxyMode.BEHIND_PROXY) {
            http.addCustomizer(new ForwardedRequestCustomizer());
        }
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(bind.getHostString());
        connector.setPort(bind.getPort());
        connector.setIdleTimeout(limits.httpIdleTimeout().toMillis());
        connector.setAcceptQueueSize(256);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(limits.maxConnections(), server));
        server.setStopTimeout(5_000);
    }

    /** Binds the port so {@link #port()} is known before the engine (whose DID names the URL) exists. */
    public void open() throws java.io.IOException {
        connector.open();
    }

    /**
     * Mounts the routes and starts serving: DIDComm over HTTP and {@code /ws}, health, metrics, short links,
     * and the relay's WebSocket endpoint ({@code /relay}, from nat-traversal) on the same port.
     */
    public void start(MediatorEngine engine, MediatorMetrics metrics, RateLimiter rateLimiter,
            ShortLinkPage shortLinks, HttpEdge.HealthCheck health, RelayServerCore relay, String invitationUrl)
            throws Exception {
        HttpEdge edge = new HttpEdge(engine, metrics, rateLimiter, limits, shortLinks, health, invitationUrl);
        ContextHandler context = new ContextHandler("/");
        // Both endpoints share the context's WebSocket container; the relay configures the container for
        // its frames, and WebSocketEdge sets its own limits on each of its sessions when it opens.
        WebSocketUpgradeHandler relayUpgrades = RelayWebSocket.handler(server, context, relay);
        // No permessage-deflate on /ws: DIDComm messages there are encrypted (base64 ciphertext compresses
        // little), and deflating every live delivery cost as much CPU as its X25519 (docs/benchmarks/mediator.md).
        InFlightBytes inFlight = new InFlightBytes(MAX_WEBSOCKET_IN_FLIGHT_BYTES);
        WebSocketUpgradeHandler didcommUpgrades = WebSocketUpgradeHandler.from(server, context, container ->
                container.addMapping("/ws", (rq, rs, cb) -> {
                    rs.setExtensions(List.of());
                    return new WebSocketEdge(engine, metrics, rateLimiter, Request.getRemoteAddr(rq), limits,
                            inFlight);
                }));
        didcommUpgrades.setHandler(edge);
        relayUpgrades.setHandler(didcommUpgrades);
        context.setHandler(relayUpgrades);
        server.setHandler(new MinimumDataRateHandler(context, limits.minRequestBytesPerSecond(), 0));
        server.start();
    }

    /** The bound port (the real one when 0 was asked for). */
    public int port() {
        return connector.getLocalPort();
    }

    /** The bound host. */
    public String host() {
        String h = connector.getHost();
        return h == null ? "0.0.0.0" : h;
    }

    /** Stops accepting, lets running requests finish (up to 5 s) and closes the connector. */
    @Override
    public void close() throws java.io.IOException {
        try {
            server.stop();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new java.io.IOException("the HTTP server did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
