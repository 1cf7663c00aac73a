package dev.parley.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.session.channel.Connection;
import dev.parley.session.handshake.Established;
import dev.parley.session.handshake.TestSessions;
import dev.parley.session.record.RecordLayer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two sessions in one JVM over real UDP sockets on loopback, with 5% of datagrams dropped (seeded). */
class SessionOverUdpTest {
    /** Own threads: the common pool may have a single thread on a 2-core machine, and these tasks block. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool();

    private static Session[] pair(long seed, double loss) throws Exception {
        UdpTransport[] udp = UdpTransport.pair(loss, seed);
        return start(TestSessions.established(seed), udp[0], udp[1]);
    }

    private static Session[] start(Established[] est, DatagramTransport a, DatagramTransport b) {
        return new Session[] {Session.start(est[0], a, SessionConfig.defaults()),
                Session.start(est[1], b, SessionConfig.defaults())};
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static CompletableFuture<byte[]> readAll(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                return out.toByteArray();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, THREADS);
    }

    private static CompletableFuture<Void> writeAll(OutputStream out, byte[] data) {
        return CompletableFuture.runAsync(() -> {
            try (out) {
                out.write(data);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, THREADS);
    }

    /** Streams {@code bytes} each way on channel 2 at once and checks that both arrive whole (SHA-256). */
    private static void streamBothWays(Session[] s, int bytes, long seed) throws Exception {
        Channel a = s[0].openChannel(2, ChannelMode.STREAM);
        Channel b = s[1].openChannel(2, ChannelMode.STREAM);
        byte[] ab = random(bytes, seed);
        byte[] ba = random(bytes, seed + 1);
        CompletableFuture<byte[]> atB = readAll(b.input());
        CompletableFuture<byte[]> atA = readAll(a.input());
        CompletableFuture.allOf(writeAll(a.output(), ab), writeAll(b.output(), ba)).get(90, TimeUnit.SECONDS);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        assertArrayEquals(sha.digest(ab), sha.digest(atB.get(90, TimeUnit.SECONDS)));
        assertArrayEquals(sha.digest(ba), sha.digest(atA.get(90, TimeUnit.SECONDS)));
    }

    @Test
    void streamsMegabytesBothWaysWithFivePercentLoss() throws Exception {
        Session[] s = pair(41, 0.05);
        try {
            streamBothWays(s, 2 << 20, 1);
            assertArrayEquals(s[0].channelBinding(), s[1].channelBinding());
            assertTrue(s[0].stats().packetsLost() + s[0].stats().timeouts() > 0, "losses were repaired");
        } finally {
            s[0].close();
            s[1].close();
        }
    }

    @Test
    void largeDatagramsCarryTheStreamAndAPathThatShrinksMidwayLosesNothing() throws Exception {
        Established[] est = TestSessions.established(47);
        UdpTransport[] udp = UdpTransport.pair(0.02, 47);
        ResizableTransport[] path = {new ResizableTransport(udp[0], RecordLayer.LARGEST_RECORD),
                new ResizableTransport(udp[1], RecordLayer.LARGEST_RECORD)};
        Session[] s = start(est, path[0], path[1]);
        try {
            Channel a = s[0].openChannel(2, ChannelMode.STREAM);
            Channel b = s[1].openChannel(2, ChannelMode.STREAM);
            byte[] ab = random(4 << 20, 5);
            CompletableFuture<byte[]> atB = readAll(b.input());
            CompletableFuture<Void> writing = writeAll(a.output(), ab);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (path[0].largestSent() <= 60_000 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertTrue(path[0].largestSent() > 60_000, "records of the large size went out");
            // the path falls back to one that carries 1200 bytes while large records are in flight
            path[0].resize(DatagramTransport.MAX_DATAGRAM);
            path[1].resize(DatagramTransport.MAX_DATAGRAM);
            writing.get(90, TimeUnit.SECONDS);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            assertArrayEquals(sha.digest(ab), sha.digest(atB.get(90, TimeUnit.SECONDS)));
        } finally {
            s[0].close();
            s[1].close();
        }
    }

    @Test
    void streamsBothWaysWithFivePercentLossWhenTheTransportPushesDatagrams() throws Exception {
        Established[] est = TestSessions.established(43);
        UdpTransport[] udp = UdpTransport.pair(0.05, 43);
        PushingTransport[] push = {new PushingTransport(udp[0]), new PushingTransport(udp[1])};
        Session[] s = start(est, push[0], push[1]);
        try {
            streamBothWays(s, 1 << 20, 3);
            assertTrue(push[0].pushed() > 700 && push[1].pushed() > 700, "the sessions took pushed datagrams");
            assertTrue(s[0].stats().packetsLost() + s[0].stats().timeouts() > 0, "losses were repaired");
        } finally {
            s[0].close();
            s[1].close();
        }
        assertEquals(Connection.State.CLOSED, s[0].state(), "the close handshake completed over pushed datagrams");
    }

    @Test
    void messagesKeepTheirBoundariesAndLargeOnesAreFragmented() throws Exception {
        Session[] s = pair(42, 0.05);
        try {
            Channel a = s[0].openChannel(0, ChannelMode.MESSAGE);
            Channel b = s[1].openChannel(0, ChannelMode.MESSAGE);
            int[] sizes = {0, 1, 1164, 1165, 5000, 300_000, 17};
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < sizes.length; i++) {
                        a.send(random(sizes[i], 100 + i));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            for (int i = 0; i < sizes.length; i++) {
                byte[] m = b.receive(Duration.ofSeconds(60)).orElseThrow();
                assertArrayEquals(random(sizes[i], 100 + i), m, "message " + i);
            }
            sender.get(60, TimeUnit.SECONDS);
            assertTrue(b.receive(Duration.ofMillis(50)).isEmpty());
        } finally {
            s[0].close();
            s[1].close();
        }
    }

    @Test
    void aReaderWaitingAtTheTransportIsWokenWhenAnotherThreadTakesInItsMessage() throws Exception {
        Established[] est = TestSessions.established(44);
        UdpTransport[] udp = UdpTransport.pair(0, 44);
        PumpingTransport pumping = new PumpingTransport(udp[0]);
        Session[] s = start(est, pumping, udp[1]);
        Channel a = s[0].openChannel(0, ChannelMode.MESSAGE);
        Channel b = s[1].openChannel(0, ChannelMode.MESSAGE);
        for (int i = 0; i < 50; i++) {
            b.send(new byte[] {(byte) i});
            assertArrayEquals(new byte[] {(byte) i}, a.receive(Duration.ofSeconds(30)).orElseThrow());
            a.send(new byte[] {(byte) i});
            assertArrayEquals(new byte[] {(byte) i}, b.receive(Duration.ofSeconds(30)).orElseThrow());
        }
        assertTrue(pumping.pumps() > 0, "the reader waited at the transport");
        assertTrue(pumping.wakes() > 0, "and was woken there when the pushing thread took its message in");

        long pumpsBefore = pumping.pumps();
        a.send(new byte[20_000]);
        assertTrue(pumping.releases() > 0, "a bulk write gives the transport back to its reader");
        assertEquals(20_000, b.receive(Duration.ofSeconds(30)).orElseThrow().length);
        b.send(new byte[20_000]);
        assertEquals(20_000, a.receive(Duration.ofSeconds(30)).orElseThrow().length);
        assertEquals(pumpsBefore, pumping.pumps(), "and the bulk answer is not pumped for");
        for (int i = 0; i < 50 && pumping.pumps() == pumpsBefore; i++) { // an answer may be in before the read
            a.send(new byte[] {1});
            b.send(b.receive(Duration.ofSeconds(30)).orElseThrow());
            a.receive(Duration.ofSeconds(30)).orElseThrow();
        }
        assertTrue(pumping.pumps() > pumpsBefore, "after a small write, reads pump again");

        long wakesBefore = pumping.wakes();
        pumpsBefore = pumping.pumps();
        CompletableFuture<Throwable> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return a.receive(Duration.ofMinutes(5)).isPresent() ? null : new AssertionError("empty");
            } catch (Exception e) {
                return e;
            }
        }, THREADS);
        for (int i = 0; i < 10_000 && pumping.pumps() == pumpsBefore; i++) {
            Thread.sleep(1);
        }
        s[1].close();
        assertTrue(waiting.get(60, TimeUnit.SECONDS) instanceof SessionClosedException,
                "the peer's close ends a reader waiting at the transport");
        assertTrue(pumping.wakes() > wakesBefore, "woken by the thread that took the close in");
        s[0].close();
    }

    @Test
    void closeReachesThePeer() throws Exception {
        Session[] s = pair(43, 0);
        Channel b = s[1].openChannel(0, ChannelMode.MESSAGE);
        s[0].openChannel(0, ChannelMode.MESSAGE).send(new byte[] {1});
        assertArrayEquals(new byte[] {1}, b.receive(Duration.ofSeconds(10)).orElseThrow());
        s[0].close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (s[1].state() == Connection.State.OPEN && System.nanoTime() < deadline) {
            assertTrue(b.receive(Duration.ofMillis(20)).isEmpty());
        }
        assertEquals(Connection.State.CLOSED, s[1].state());
        s[1].close();
    }

    @Test
    void aSenderIsNotHeldUpByAReaderWaitingOnTheSameChannel() throws Exception {
        Session[] s = pair(44, 0);
        try {
            Channel a = s[0].openChannel(1, ChannelMode.MESSAGE);
            Channel b = s[1].openChannel(1, ChannelMode.MESSAGE);
            // a's reader waits a minute for a message b sends only after it has received a's
            CompletableFuture<byte[]> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return a.receive(Duration.ofMinutes(1)).orElseThrow();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, THREADS);
            a.send("ping".getBytes());
            assertArrayEquals("ping".getBytes(), b.receive(Duration.ofSeconds(20)).orElseThrow());
            b.send("pong".getBytes());
            assertArrayEquals("pong".getBytes(), waiting.get(20, TimeUnit.SECONDS));
        } finally {
            s[0].close();
            s[1].close();
        }
    }

    @Test
    void closeDeliversWhatWasSentBeforeIt() throws Exception {
        Session[] s = pair(45, 0.05);
        Channel a = s[0].openChannel(1, ChannelMode.MESSAGE);
        Channel b = s[1].openChannel(1, ChannelMode.MESSAGE);
        byte[] last = random(200_000, 3);
        a.send(last);
        s[0].close(Duration.ofSeconds(20)); // returns once the peer acknowledged every byte, then closes
        assertArrayEquals(last, b.receive(Duration.ofSeconds(20)).orElseThrow());
        s[1].close();
    }

    @Test
    void gatheredPartsArriveAsOneMessageAndTrySendNeverBlocks() throws Exception {
        Session[] s = pair(46, 0);
        try {
            Channel a = s[0].openChannel(1, ChannelMode.MESSAGE);
            Channel b = s[1].openChannel(1, ChannelMode.MESSAGE);
            a.sendGathered("round-7|".getBytes(), "payload".getBytes());
            assertArrayEquals("round-7|payload".getBytes(), b.receive(Duration.ofSeconds(20)).orElseThrow());
            assertTrue(a.trySendGathered(new byte[] {1}, new byte[] {2, 3}));
            assertArrayEquals(new byte[] {1, 2, 3}, b.receive(Duration.ofSeconds(20)).orElseThrow());
            // more than the 1 MiB send buffer can ever hold: refused whole, nothing written
            assertTrue(!a.trySendGathered(new byte[8], new byte[(1 << 20) + 1]));
            a.send("after".getBytes());
            assertArrayEquals("after".getBytes(), b.receive(Duration.ofSeconds(20)).orElseThrow());
        } finally {
            s[0].close();
            s[1].close();
        }
    }
}
