package dev.parley.nat.server;

import dev.parley.nat.relay.RelayLimits;
import dev.parley.nat.relay.RelaySecret;
import dev.parley.nat.relay.RelayServerCore;
import dev.parley.nat.relay.RelayTokenIssuer.RelayAllocation;
import dev.parley.nat.relay.RelayTokenIssuer;
import dev.parley.nat.relay.websocket.RelayClient;
import dev.parley.nat.relay.websocket.RelayConnectException;
import dev.parley.nat.relay.websocket.RelayProtocol;
import dev.parley.nat.relay.websocket.RelayWebSocket;
import dev.parley.nat.stun.StunServer;
import dev.parley.nat.stun.StunServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.server.Server;

/**
 * Runs a STUN server (two ports) and a relay WebSocket server until stdin closes. Once both
 * listen, it relays one frame between two clients of its own (a self-check that also loads the
 * relay's code paths, so the first real peer does not wait for a cold server), then prints one
 * line {@code READY stun=IP:P1,IP:P2 relay=ws://IP:P/relay}.
 *
 * <p>Usage: {@code NatServerMain --bind IP --secret-file FILE [--stun-port 3478] [--stun-alt-port 3479]
 * [--relay-port 8080] [--relay-rate BYTES_PER_S]}. The secret file holds the base64 relay secret that the
 * token issuer (mediator, or the lab test) shares.
 */
public final class NatServerMain {
    private NatServerMain() {
    }

    public static void main(String[] args) throws Exception {
        String bind = null;
        Path secretFile = null;
        int stunPort = StunServerConfig.DEFAULT_PORT;
        int stunAltPort = StunServerConfig.DEFAULT_PORT + 1;
        int relayPort = 8080;
        long relayRate = RelayLimits.defaults().bytesPerSecond();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--bind" -> bind = args[i + 1];
                case "--secret-file" -> secretFile = Path.of(args[i + 1]);
                case "--stun-port" -> stunPort = Integer.parseInt(args[i + 1]);
                case "--stun-alt-port" -> stunAltPort = Integer.parseInt(args[i + 1]);
                case "--relay-port" -> relayPort = Integer.parseInt(args[i + 1]);
                case "--relay-rate" -> relayRate = Long.parseLong(args[i + 1]);
                default -> usage("unknown option " + args[i]);
            }
        }
        if (bind == null || secretFile == null) {
            usage("--bind and --secret-file are required");
        }
        RelaySecret secret;
        try {
            secret = new RelaySecret(Base64.getDecoder().decode(Files.readString(secretFile).trim()));
        } catch (IOException | IllegalArgumentException e) {
            usage("cannot read a base64 relay secret of 32+ bytes from " + secretFile + ": " + e.getMessage());
            return;
        }
        InetAddress address = InetAddress.getByName(bind);
        RelayLimits d = RelayLimits.defaults();
        RelayLimits limits = new RelayLimits(d.maxFrameBytes(), relayRate, Math.max(d.burstBytes(), relayRate / 4),
                d.maxTotalBytes(), d.maxLifetime(), d.maxAllocations());
        SecureRandom random = new SecureRandom();
        RelayTokenIssuer issuer = new RelayTokenIssuer(secret, Clock.systemUTC(), random);
        RelayServerCore core = new RelayServerCore(issuer, limits, Clock.systemUTC());
        try (StunServer stun = StunServer.start(StunServerConfig.of(address, stunPort, stunAltPort))) {
            Server relay = RelayWebSocket.startStandalone(new InetSocketAddress(address, relayPort), core);
            URI relayUri = URI.create("ws://" + bind + ":" + RelayWebSocket.boundPort(relay) + RelayProtocol.PATH);
            selfCheck(issuer, relayUri);
            System.out.println("READY stun=" + bind + ":" + stun.primaryAddress().getPort() + "," + bind + ":"
                    + stun.secondaryAddress().getPort() + " relay=" + relayUri);
            System.out.flush();
            while (System.in.read() >= 0) {
                core.sweep();
            }
            relay.stop();
        }
    }

    /** Attaches two clients to a short allocation of our own and relays one frame between them. */
    private static void selfCheck(RelayTokenIssuer issuer, URI relayUri) throws InterruptedException {
        RelayAllocation alloc = issuer.allocate("self-check-a", "self-check-b", Duration.ofSeconds(30));
        CompletableFuture<byte[]> received = new CompletableFuture<>();
        Duration limit = Duration.ofSeconds(10);
        try (RelayClient a = RelayClient.connect(relayUri, alloc.first(), limit, frame -> { });
             RelayClient b = RelayClient.connect(relayUri, alloc.second(), limit, received::complete)) {
            a.send(new byte[] {1});
            received.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RelayConnectException | ExecutionException | TimeoutException e) {
            System.err.println("nat server: relay self-check failed, is " + relayUri + " reachable from this host? "
                    + e.getMessage());
            System.exit(1);
        }
    }

    private static void usage(String problem) {
        System.err.println("nat server: " + problem);
        System.err.println("usage: NatServerMain --bind IP --secret-file FILE [--stun-port N] [--stun-alt-port N]"
                + " [--relay-port N] [--relay-rate BYTES_PER_S]");
        System.exit(2);
    }
}
