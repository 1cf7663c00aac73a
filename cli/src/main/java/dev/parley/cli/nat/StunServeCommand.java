package dev.parley.cli.nat;

import dev.parley.cli.CliContext;
import dev.parley.cli.CliException;
import dev.parley.nat.stun.StunServer;
import dev.parley.nat.stun.StunServerConfig;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley stun serve}: the STUN server alone (the mediator embeds the same one). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve STUN binding requests (RFC 8489) with a second port for RFC 5780 mapping tests.")
final class StunServeCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--port", paramLabel = "N", defaultValue = "3478",
            description = "UDP port (0 picks a free one); the second port is N+1 (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
            description = "Local address to bind (default: ${DEFAULT-VALUE}).")
    private String bind;

    StunServeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65534) {
            throw CliException.badInput("--port must be 0..65534 (the second port is N+1), got " + port);
        }
        StunServerConfig config = StunServerConfig.of(InetAddress.getByName(bind), port, port == 0 ? 0 : port + 1);
        StunServer server;
        try {
            server = StunServer.start(config);
        } catch (BindException e) {
            throw CliException.environment("cannot bind UDP port " + port + " or " + (port + 1)
                    + " on " + bind + " (" + e.getMessage() + "); choose another --port");
        } catch (IOException e) {
            throw CliException.environment("cannot start the STUN server: " + e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "stun-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        context.out().println("listening on udp " + server.primaryAddress().getAddress().getHostAddress() + ":"
                + server.primaryAddress().getPort() + " (second port " + server.secondaryAddress().getPort() + ")");
        context.out().flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: nothing to remove
            }
        }
        StunServer.Stats stats = server.stats();
        context.err().println("stopped: " + stats.answered() + " answered, " + stats.rateLimited() + " rate-limited, "
                + stats.malformed() + " malformed");
        return 0;
    }
}
