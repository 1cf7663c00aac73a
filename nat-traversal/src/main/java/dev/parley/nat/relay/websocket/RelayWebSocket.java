package dev.parley.nat.relay.websocket;

import dev.parley.nat.relay.RelayServerCore;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Builds the relay's Jetty handler. The mediator mounts {@link #handler} on its own server;
 * {@link #startStandalone} runs a server with nothing else on it (the NAT lab, small deployments).
 */
public final class RelayWebSocket {
    /** Frames queued towards one slow peer before new ones are dropped. */
    public static final int MAX_OUTGOING_FRAMES = 1024;

    private RelayWebSocket() {
    }

    /**
     * A handler answering WebSocket upgrades on {@link RelayProtocol#PATH} inside {@code context},
     * bounded by the core's limits. Set it as (or chain it into) the context's handler.
     */
    public static WebSocketUpgradeHandler handler(Server server, ContextHandler context, RelayServerCore core) {
        return WebSocketUpgradeHandler.from(server, context, container -> {
            container.setMaxBinaryMessageSize(core.limits().maxFrameBytes() + 512L);
            container.setMaxTextMessageSize(1024);
            container.setMaxOutgoingFrames(MAX_OUTGOING_FRAMES);
            container.setIdleTimeout(Duration.ofMinutes(2));
            container.addMapping(RelayProtocol.PATH, (request, response, callback) -> new RelayWebSocketEndpoint(core));
        });
    }

    /** Starts a Jetty server bound to {@code address} (port 0 for an ephemeral port) serving only the relay. */
    public static Server startStandalone(InetSocketAddress address, RelayServerCore core) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(address.getAddress().getHostAddress());
        connector.setPort(address.getPort());
        server.addConnector(connector);
        ContextHandler context = new ContextHandler("/");
        context.setHandler(handler(server, context, core));
        server.setHandler(context);
        server.start();
        return server;
    }

    /** The port a started standalone server listens on. */
    public static int boundPort(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }
}
