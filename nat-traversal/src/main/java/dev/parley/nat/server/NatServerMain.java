package dev.parley.nat.server;

import dev.parley.nat.relay.RelayLimits;
import dev.parley.nat.relay.RelaySecret;
import dev.parley.nat.relay.RelayServerCore;
import dev.parley.nat.relay.RelayTokenIssuer;
import dev.parley.nat.relay.websocket.RelayProtocol;
import dev.parley.nat.relay.websocket.RelayWebSocket;
import dev.parley.nat.stun.StunServer;
import dev.parley.nat.stun.StunServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import org.eclipse.jetty.server.Server;

/**
 * Runs a STUN server (two ports) and a relay WebSocket server until stdin closes, then prints one
 * line {@code READY stun=IP:P1,IP:P2 relay=ws://IP:P/relay} once both listen.
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
        RelayServerCore core = new RelayServerCore(new RelayTokenIssuer(secret, Clock.systemUTC(), random), limits,
                Clock.systemUTC());
        try (StunServer stun = StunServer.start(StunServerConfig.of(address, stunPort, stunAltPort))) {
            Server relay = RelayWebSocket.startStandalone(new InetSocketAddress(address, relayPort), core);
            System.out.println("READY stun=" + bind + ":" + stun.primaryAddress().getPort() + "," + bind + ":"
                    + stun.secondaryAddress().getPort() + " relay=ws://" + bind + ":" + RelayWebSocket.boundPort(relay)
                    + RelayProtocol.PATH);
            System.out.flush();
            while (System.in.read() >= 0) {
                core.sweep();
            }
            relay.stop();
        }
    }

    private static void usage(String problem) {
        System.err.println("nat server: " + problem);
        System.err.println("usage: NatServerMain --bind IP --secret-file FILE [--stun-port N] [--stun-alt-port N]"
                + " [--relay-port N] [--relay-rate BYTES_PER_S]");
        System.exit(2);
    }
}
