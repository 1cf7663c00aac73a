package dev.parley.nat.lab;

import dev.parley.nat.link.HostPolicy;
import dev.parley.nat.link.LinkConfig;
import dev.parley.nat.link.LinkOffer;
import dev.parley.nat.link.PeerLinks;
import dev.parley.nat.relay.RelaySecret;
import dev.parley.nat.relay.RelayTokenIssuer;
import dev.parley.nat.relay.websocket.RelayClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where a fresh JVM's first link spends its time, for docs/benchmarks/nat.md: gathering (one
 * ice4j agent, loopback host candidate, no STUN) and a relay attach, each done twice, after an
 * optional {@link PeerLinks#prewarm()}. The relay is a {@code NatServerMain} child process on
 * loopback, started (and warmed by its self-check) before the clock, as a long-running mediator
 * would be. Prints one line. Usage: {@code ColdStartProbe cold|warm}.
 */
public final class ColdStartProbe {
    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.LogManager.getLogManager().reset();
        boolean warm = args.length > 0 && args[0].equals("warm");
        SecureRandom random = new SecureRandom();
        byte[] secret = new byte[RelaySecret.LENGTH];
        random.nextBytes(secret);
        RelayTokenIssuer issuer = new RelayTokenIssuer(new RelaySecret(secret), Clock.systemUTC(), random);
        Path secretFile = Files.createTempFile("parley-probe", ".secret");
        Files.writeString(secretFile, Base64.getEncoder().encodeToString(secret));
        Process server = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "dev.parley.nat.server.NatServerMain", "--bind", "127.0.0.1",
                "--secret-file", secretFile.toString(), "--stun-port", "0", "--stun-alt-port", "0", "--relay-port", "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            run(warm, issuer, relayUri(server));
        } finally {
            server.destroy();
            Files.delete(secretFile);
        }
        System.exit(0);
    }

    private static URI relayUri(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("READY ")) {
                return URI.create(line.substring(line.indexOf("relay=") + "relay=".length()).trim());
            }
        }
        throw new IllegalStateException("the relay server exited before READY");
    }

    private static void run(boolean warm, RelayTokenIssuer issuer, URI uri) throws Exception {
        long prewarm = 0;
        if (warm) {
            long t = System.nanoTime();
            PeerLinks.prewarm().get(60, TimeUnit.SECONDS);
            prewarm = ms(t);
        }
        LinkConfig config = LinkConfig.of(List.of(), Optional.empty()).withHosts(HostPolicy.LOOPBACK_ONLY);
        long[] gather = new long[2];
        for (int i = 0; i < 2; i++) {
            long t = System.nanoTime();
            try (LinkOffer offer = PeerLinks.offer(config)) {
                gather[i] = ms(t);
            }
        }
        var alloc = issuer.allocate("probe-a", "probe-b", Duration.ofMinutes(1));
        long t = System.nanoTime();
        try (RelayClient a = RelayClient.connect(uri, alloc.first(), Duration.ofSeconds(10), f -> { })) {
            long firstAttach = ms(t);
            t = System.nanoTime();
            try (RelayClient b = RelayClient.connect(uri, alloc.second(), Duration.ofSeconds(10), f -> { })) {
                long secondAttach = ms(t);
                System.out.printf("%s: prewarm %d ms (before the clock), gather %d ms then %d ms, relay attach %d ms"
                        + " then %d ms%n", warm ? "warm" : "cold", prewarm, gather[0], gather[1], firstAttach,
                        secondAttach);
            }
        }
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
