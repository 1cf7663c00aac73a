package dev.parley.mediator.transport;

import dev.parley.mediator.limit.Limits;
import dev.parley.mediator.limit.RateLimiter;
import dev.parley.mediator.metrics.MediatorMetrics;
import dev.parley.mediator.protocol.MediatorEngine;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The Jetty 12 server: one HTTP/1.1 connector, handlers run on virtual threads, the WebSocket endpoint
 * at {@code /ws}, and every connection-level limit (concurrent connections, idle time, minimum request
 * data rate, WebSocket message size and idle time). Not thread-safe: start and stop from one thread.
 */
public final class MediatorHttpServer implements AutoCloseable {

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

    /** Mounts the routes and starts serving. */
    public void start(MediatorEngine engine, MediatorMetrics metrics, RateLimiter rateLimiter,
            ShortLinkPage shortLinks, HttpEdge.HealthCheck health) throws Exception {
        HttpEdge edge = new HttpEdge(engine, metrics, rateLimiter, limits, shortLinks, health);
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(limits.maxMessageBytes());
            container.setMaxBinaryMessageSize(limits.maxMessageBytes());
            container.setIdleTimeout(limits.webSocketIdleTimeout());
            container.addMapping("/ws", (rq, rs, cb) -> new WebSocketEdge(engine, metrics, rateLimiter,
                    Request.getRemoteAddr(rq)));
        });
        ws.setHandler(edge);
        server.setHandler(new MinimumDataRateHandler(ws, limits.minRequestBytesPerSecond(), 0));
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

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
