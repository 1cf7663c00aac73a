package dev.parley.mediator.cli;

import dev.parley.didcomm.oob.QrCodeTooLargeException;
import dev.parley.didcomm.oob.QrCodes;
import dev.parley.mediator.Mediator;
import dev.parley.mediator.MediatorConfig;
import dev.parley.mediator.MediatorStartException;
import dev.parley.mediator.MediatorStopException;
import dev.parley.mediator.StunPorts;
import dev.parley.mediator.limit.Limits;
import dev.parley.mediator.transport.ProxyMode;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: runs a mediator until interrupted. Prints its DID, URLs, an out-of-band invitation (link
 * and QR code) and finally one line {@code listening on URL} when it is ready; scripts wait for that line.
 * Exit codes: 0 after a clean stop, 2 when it cannot start (port in use, unreadable data directory).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run a DIDComm v2 mediator (HTTP POST and WebSocket, SQLite queue).")
public final class MediatorServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to bind (default ${DEFAULT-VALUE}; 0.0.0.0 for all interfaces).")
    String host;

    @Option(names = "--data", defaultValue = "${env:PARLEY_HOME:-${sys:user.home}/.parley}/mediator",
            description = "Data directory for the database and the identity (default: $PARLEY_HOME/mediator, else ~/.parley/mediator).")
    Path data;

    @Option(names = "--public-url", description = "URL clients use, e.g. https://mediator.example (behind a TLS proxy).")
    URI publicUrl;

    @Option(names = "--max-message-bytes", description = "Largest message accepted (default ${DEFAULT-VALUE}).",
            defaultValue = "262144")
    int maxMessageBytes;

    @Option(names = "--max-queue-messages", defaultValue = "10000",
            description = "Messages held per mediated DID (default ${DEFAULT-VALUE}).")
    int maxQueueMessages;

    @Option(names = "--max-queue-bytes", defaultValue = "67108864",
            description = "Bytes held per mediated DID (default ${DEFAULT-VALUE}).")
    long maxQueueBytes;

    @Option(names = "--message-ttl", defaultValue = "P7D",
            description = "How long undelivered messages are kept, ISO-8601 (default ${DEFAULT-VALUE}).")
    Duration messageTtl;

    @Option(names = "--rate", defaultValue = "200", description = "Requests per second per client address (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--burst", defaultValue = "400", description = "Burst above the rate (default ${DEFAULT-VALUE}).")
    int burst;

    @Option(names = "--max-connections", defaultValue = "2000",
            description = "Concurrent connections (default ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--ws-idle-timeout", defaultValue = "PT5M",
            description = "Close a silent WebSocket after this long (default ${DEFAULT-VALUE}).")
    Duration wsIdle;

    @Option(names = "--http-idle-timeout", defaultValue = "PT30S",
            description = "Close a silent HTTP connection after this long (default ${DEFAULT-VALUE}).")
    Duration httpIdle;

    @Option(names = "--behind-proxy", description = "Take client addresses (for rate limits) from the trusted "
            + "reverse proxy's Forwarded/X-Forwarded-For headers; only when nothing else can reach the port.")
    boolean behindProxy;

    @Option(names = "--stun-port", description = "Also run a STUN server on this UDP port (and the next one for "
            + "RFC 5780 CHANGE-PORT); 0 picks free ports. Off by default.")
    Integer stunPort;

    @Option(names = "--stun-host", description = "Address the STUN server binds (default: --host). Behind a TLS "
            + "proxy the HTTP side listens on loopback while STUN must face the internet: pass 0.0.0.0 or the "
            + "public address.")
    String stunHost;

    @Option(names = "--stun-public", paramLabel = "HOST[:PORT]", description = "The STUN address clients are told"
            + " to use (relay allocation and nat-config answers), when the bound one is not reachable as such: NAT,"
            + " containers. Default: the --public-url host, else a specific --stun-host, else the HTTP host; with the"
            + " STUN port.")
    String stunPublic;

    @Option(names = "--no-qr", description = "Do not print the invitation QR code.")
    boolean noQr;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Limits limits;
        try {
            limits = Limits.DEFAULTS.withMaxMessageBytes(maxMessageBytes).withQueue(maxQueueMessages, maxQueueBytes)
                    .withMessageTtl(messageTtl).withRate(rate, burst)
                    .withConnections(maxConnections, wsIdle, httpIdle);
        } catch (IllegalArgumentException e) {
            err.println("parley mediator: " + e.getMessage());
            return 1;
        }
        if (stunPublic != null && stunPort == null) {
            err.println("parley mediator: --stun-public needs --stun-port (there is no STUN server to advertise)");
            return 1;
        }
        MediatorConfig config;
        try {
            java.net.InetAddress stunBind = java.net.InetAddress.getByName(stunHost != null ? stunHost : host);
            config = new MediatorConfig(new InetSocketAddress(host, port), data, Optional.ofNullable(publicUrl),
                    behindProxy ? ProxyMode.BEHIND_PROXY : ProxyMode.DIRECT,
                    Optional.ofNullable(stunPort).map(p -> new StunPorts(stunBind, p, p == 0 ? 0 : p + 1,
                            Optional.ofNullable(stunPublic))), limits, Duration.ofSeconds(30), Clock.systemUTC(), new SecureRandom());
        } catch (IllegalArgumentException | java.net.UnknownHostException e) {
            err.println("parley mediator: " + e.getMessage());
            return 1;
        }
        Mediator mediator;
        try {
            mediator = Mediator.start(config);
        } catch (MediatorStartException e) {
            err.println("parley mediator: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            try {
                mediator.close();
            } catch (MediatorStopException e) {
                System.err.println("parley mediator: stopping failed: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "mediator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("DID " + mediator.did());
        out.println("HTTP " + mediator.httpUrl());
        out.println("WebSocket " + mediator.wsUrl());
        out.println("relay " + mediator.relayUrl());
        mediator.stunAddresses().ifPresent(a -> out.println("STUN " + a.get(0).getHostString() + ":"
                + a.get(0).getPort() + "," + a.get(1).getHostString() + ":" + a.get(1).getPort()
                + " (advertised " + String.join(",", mediator.advertisedStun()) + ")"));
        out.println("invitation " + mediator.invitationUrl());
        if (!noQr) {
            qr(mediator.invitationUrl()).ifPresent(out::print);
        }
        out.println("listening on " + mediator.httpUrl());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The text as a terminal QR code, or empty when it is too long for one. */
    static Optional<String> qr(String text) {
        try {
            return Optional.of(QrCodes.terminal(text, QrCodes.Background.DARK));
        } catch (QrCodeTooLargeException e) {
            return Optional.empty(); // an invitation too long for a QR code is still printed as a link
        }
    }
}
