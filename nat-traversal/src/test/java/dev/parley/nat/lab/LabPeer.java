package dev.parley.nat.lab;

import dev.parley.nat.check.NatChecker;
import dev.parley.nat.link.DatagramLink;
import dev.parley.nat.link.HostPolicy;
import dev.parley.nat.link.LinkAnswer;
import dev.parley.nat.link.LinkConfig;
import dev.parley.nat.link.LinkOffer;
import dev.parley.nat.link.PeerLinks;
import dev.parley.nat.link.RelayEndpoint;
import dev.parley.nat.relay.RelayToken;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A peer process for the NAT lab, started by {@link NatLabTest} inside a namespace with
 * {@code ip netns exec}. It talks to the test over stdin/stdout, one line per event:
 * {@code BLOB b64} (its candidates), then reads {@code REMOTE b64}, then prints
 * {@code GATHERED ms} (offerer: since it started gathering; answerer: since the peer's blob), {@code LINK type ms}, {@code FIRST ms}, {@code PATH type ms}, and
 * {@code DONE sent=HASH received=HASH path=TYPE}. Times are milliseconds since it received the
 * peer's blob. With {@code --hold} it prints {@code DIRECT ms} once on a direct pair and waits for
 * {@code GO} on stdin before the transfer (the test blocks UDP in between).
 *
 * <p>Usage: {@code LabPeer check HOST:PORT} or
 * {@code LabPeer offer|answer --stun HOST:PORT --relay URI --token B64 --bytes N --seed S
 * [--warm true] [--consent-ms N] [--hold true]}. {@code --warm} runs {@link PeerLinks#prewarm()} to
 * completion before anything else, as in a client that has been running for a while; without it
 * the peer is cold.
 */
public final class LabPeer {
    private LabPeer() {
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.LogManager.getLogManager().reset();
        if (args[0].equals("check")) {
            System.out.println(new NatChecker().check(parse(args[1])).toJson());
            return;
        }
        boolean offerer = args[0].equals("offer");
        InetSocketAddress stun = null;
        Optional<RelayEndpoint> relay = Optional.empty();
        URI relayUri = null;
        RelayToken token = null;
        int bytes = 0;
        long seed = 0;
        boolean hold = false;
        boolean warm = false;
        Duration consent = LinkConfig.DEFAULT_CONSENT_TIMEOUT;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--stun" -> stun = parse(args[i + 1]);
                case "--relay" -> relayUri = URI.create(args[i + 1]);
                case "--token" -> token = RelayToken.fromBase64(args[i + 1]);
                case "--bytes" -> bytes = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--warm" -> warm = Boolean.parseBoolean(args[i + 1]);
                case "--consent-ms" -> consent = Duration.ofMillis(Long.parseLong(args[i + 1]));
                case "--hold" -> hold = Boolean.parseBoolean(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (relayUri != null && token != null) {
            relay = Optional.of(new RelayEndpoint(relayUri, token));
        }
        LinkConfig config = new LinkConfig(stun == null ? List.of() : List.of(stun), relay, HostPolicy.ALL_INTERFACES,
                Duration.ofSeconds(20), Duration.ofSeconds(2), Clock.systemUTC(), new SecureRandom(), consent,
                LinkConfig.DEFAULT_GATHER_TIMEOUT);
        if (warm) {
            PeerLinks.prewarm().get(60, TimeUnit.SECONDS);
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        long t0;
        DatagramLink link;
        if (offerer) {
            long gatherStart = System.nanoTime();
            LinkOffer offer = PeerLinks.offer(config);
            say("GATHERED " + ms(gatherStart));
            say("BLOB " + Base64.getEncoder().encodeToString(offer.blob()));
            byte[] remote = readRemote(in);
            t0 = System.nanoTime();
            link = offer.complete(remote);
        } else {
            byte[] remote = readRemote(in);
            t0 = System.nanoTime();
            LinkAnswer answer = PeerLinks.answer(config, remote);
            say("GATHERED " + ms(t0));
            say("BLOB " + Base64.getEncoder().encodeToString(answer.blob()));
            link = answer.link();
        }
        say("LINK " + link.path().type() + " " + ms(t0));
        link.onPathChange(p -> say("PATH " + p.type() + " " + ms(t0)));
        if (hold) {
            CountDownLatch direct = new CountDownLatch(1);
            link.onPathChange(p -> {
                if (p.type().isDirect()) {
                    direct.countDown();
                }
            });
            if (!link.path().type().isDirect()) {
                direct.await(20, TimeUnit.SECONDS);
            }
            say("DIRECT " + link.path().type() + " " + ms(t0));
            String go = in.readLine();
            if (!"GO".equals(go)) {
                throw new IllegalStateException("expected 'GO' on stdin, got " + go);
            }
        }
        firstDatagram(link);
        say("FIRST " + ms(t0));
        Transfer transfer = new Transfer(link, bytes, seed, offerer ? 1 : 2);
        Transfer.Result result = transfer.run(Duration.ofSeconds(120));
        say("DONE sent=" + result.sentHash() + " received=" + result.receivedHash() + " path=" + link.path().type()
                + " rtt_ms=" + link.smoothedRtt().map(Duration::toMillis).orElse(-1L));
        link.close();
        System.exit(0);
    }

    /**
     * Sends a small hello every 20 ms until anything arrives from the peer, so the first datagram
     * is timed from the link itself and not from the transfer's data generation. The hello's type
     * byte (3) is neither data nor ack, so {@link Transfer} ignores late ones.
     */
    private static void firstDatagram(DatagramLink link) throws Exception {
        byte[] hello = {3, 0, 0, 0, 0};
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            link.send(hello);
            if (link.receive(Duration.ofMillis(20)).isPresent()) {
                return;
            }
        }
        throw new IllegalStateException("no datagram from the peer within 30 s on path " + link.path());
    }

    private static byte[] readRemote(BufferedReader in) throws Exception {
        String line = in.readLine();
        if (line == null || !line.startsWith("REMOTE ")) {
            throw new IllegalStateException("expected 'REMOTE <base64>' on stdin, got " + line);
        }
        return Base64.getDecoder().decode(line.substring(7).trim());
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static InetSocketAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
