package dev.parley.session.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.nat.link.HostPolicy;
import dev.parley.nat.link.LinkAnswer;
import dev.parley.nat.link.LinkConfig;
import dev.parley.nat.link.LinkOffer;
import dev.parley.nat.link.LinkPath;
import dev.parley.nat.link.PathType;
import dev.parley.nat.link.PeerLinks;
import dev.parley.session.Channel;
import dev.parley.session.ChannelMode;
import dev.parley.session.DatagramTransport;
import dev.parley.session.Session;
import dev.parley.session.SessionConfig;
import dev.parley.session.didcomm.Sessions;
import dev.parley.session.handshake.Established;
import dev.parley.session.handshake.TestSessions;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Sessions over real nat-traversal links: two ICE agents in one JVM on loopback (host candidates only). */
class DatagramLinkTransportTest {
    private static final ExecutorService THREADS = Executors.newCachedThreadPool();

    @AfterAll
    static void stop() {
        THREADS.shutdownNow();
    }

    private static LinkConfig loopback() {
        return LinkConfig.of(List.of(), Optional.empty()).withHosts(HostPolicy.LOOPBACK_ONLY)
                .withConnectTimeout(Duration.ofSeconds(20));
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static Future<byte[]> readAll(InputStream in) {
        return THREADS.submit(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        });
    }

    private static Future<?> writeAll(OutputStream out, byte[] data) {
        return THREADS.submit(() -> {
            try (out) {
                out.write(data);
            }
            return null;
        });
    }

    private static void megabyteBothWays(Session a, Session b) throws Exception {
        Channel ca = a.openChannel(0, ChannelMode.STREAM);
        Channel cb = b.openChannel(0, ChannelMode.STREAM);
        byte[] ab = random(1 << 20, 1);
        byte[] ba = random(1 << 20, 2);
        Future<byte[]> atB = readAll(cb.input());
        Future<byte[]> atA = readAll(ca.input());
        Future<?> wa = writeAll(ca.output(), ab);
        Future<?> wb = writeAll(cb.output(), ba);
        wa.get(120, TimeUnit.SECONDS);
        wb.get(120, TimeUnit.SECONDS);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        assertArrayEquals(sha.digest(ab), sha.digest(atB.get(120, TimeUnit.SECONDS)), "a -> b");
        assertArrayEquals(sha.digest(ba), sha.digest(atA.get(120, TimeUnit.SECONDS)), "b -> a");
    }

    @Test
    void sessionCarriesAMegabyteEachWayOverPeerLinks() throws Exception {
        LinkOffer offer = PeerLinks.offer(loopback());
        LinkAnswer answer = PeerLinks.answer(loopback(), offer.blob());
        Future<DatagramLinkTransport> answered = THREADS.submit(() -> new DatagramLinkTransport(answer.link()));
        DatagramLinkTransport ta = new DatagramLinkTransport(offer.complete(answer.blob()));
        DatagramLinkTransport tb = answered.get(30, TimeUnit.SECONDS);
        assertTrue(ta.link().path().type().isDirect(), "loopback host candidates give a direct path");
        Established[] est = TestSessions.established(71);
        try (Session a = Session.start(est[0], ta, SessionConfig.defaults());
             Session b = Session.start(est[1], tb, SessionConfig.defaults())) {
            megabyteBothWays(a, b);
        }
        assertThrows(dev.parley.nat.link.LinkClosedException.class, () -> ta.send(new byte[1]),
                "closing the session closed the link it owned");
    }

    @Test
    void pathMakersFormTheLinkFromEachOthersBlobs() throws Exception {
        Sessions.Link offerer = PeerLinkPaths.offerer(loopback());
        byte[] offerBlob = offerer.offer();
        Sessions.Answer answer = PeerLinkPaths.answerer(loopback()).answer(offerBlob);
        Future<DatagramTransport> answered = THREADS.submit(answer::link);
        Established[] est = TestSessions.established(72);
        try (Session a = Session.start(est[0], offerer.complete(answer.blob()), SessionConfig.defaults());
             Session b = Session.start(est[1], answered.get(30, TimeUnit.SECONDS), SessionConfig.defaults())) {
            megabyteBothWays(a, b);
        }
    }

    @Test
    void aMalformedAnswerIsAPathSetupError() throws Exception {
        Sessions.Link offerer = PeerLinkPaths.offerer(loopback());
        offerer.offer();
        PathSetupException e = assertThrows(PathSetupException.class, () -> offerer.complete(new byte[] {1, 2, 3}));
        assertTrue(e.getMessage().startsWith("no path to the peer"), e.getMessage());
        offerer.close();
    }

    @Test
    void pathDescriptionsStartWithDirectOrRelay() {
        InetSocketAddress x = new InetSocketAddress("127.0.0.1", 1);
        InetSocketAddress y = new InetSocketAddress("127.0.0.1", 2);
        assertEquals("direct (HOST /127.0.0.1:1 -> /127.0.0.1:2)",
                DatagramLinkTransport.describe(new LinkPath(PathType.HOST, x, y)));
        assertEquals("relay (/127.0.0.1:2)", DatagramLinkTransport.describe(new LinkPath(PathType.RELAY, x, y)));
    }
}
