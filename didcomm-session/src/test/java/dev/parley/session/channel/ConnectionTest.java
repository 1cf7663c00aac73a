package dev.parley.session.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConnectionTest {
    private static final long SECOND = 1_000_000_000L;

    /** Pumps {@code data} from one side's channel to the other's and collects what arrives. */
    private static final class Transfer {
        final byte[] data;
        final Connection from;
        final Connection to;
        final int channel;
        int written;
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        boolean eof;
        private final byte[] buf = new byte[8192];

        Transfer(byte[] data, Connection from, Connection to, int channel) {
            this.data = data;
            this.from = from;
            this.to = to;
            this.channel = channel;
        }

        void step() {
            if (written < data.length) {
                written += from.write(channel, data, written, data.length - written);
                if (written == data.length) {
                    from.finish(channel);
                }
            }
            int n;
            while ((n = to.read(channel, buf, 0, buf.length)) > 0) {
                received.write(buf, 0, n);
            }
            if (n < 0) {
                eof = true;
            }
        }
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] sha256(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    @Test
    void movesMegabytesBothWaysInOrderWithFivePercentLossReorderingAndDuplication() throws Exception {
        SimulatedPath path = new SimulatedPath(21);
        path.loss = 0.05;
        path.duplication = 0.02;
        Transfer ab = new Transfer(random(2 << 20, 1), path.a, path.b, 3);
        Transfer ba = new Transfer(random(2 << 20, 2), path.b, path.a, 3);
        assertTrue(path.runUntil(() -> ab.eof && ba.eof, 600 * SECOND, () -> {
            ab.step();
            ba.step();
        }), "transfers finish within 600 simulated seconds");
        assertArrayEquals(sha256(ab.data), sha256(ab.received.toByteArray()));
        assertArrayEquals(sha256(ba.data), sha256(ba.received.toByteArray()));
        assertTrue(path.a.stats().packetsLost() + path.a.stats().timeouts() > 0, "losses were seen and repaired");
        assertTrue(path.b.stats().recordsReplayed() > 0, "duplicates were dropped by the replay window");
    }

    @Test
    void channelsAreMultiplexedIndependently() throws Exception {
        SimulatedPath path = new SimulatedPath(22);
        path.loss = 0.02;
        Transfer[] t = new Transfer[4];
        for (int ch = 0; ch < 4; ch++) {
            t[ch] = new Transfer(random(100_000 * (ch + 1), ch), path.a, path.b, ch);
        }
        assertTrue(path.runUntil(() -> t[0].eof && t[1].eof && t[2].eof && t[3].eof, 300 * SECOND, () -> {
            for (Transfer x : t) {
                x.step();
            }
        }));
        for (Transfer x : t) {
            assertArrayEquals(x.data, x.received.toByteArray());
        }
    }

    @Test
    void congestionWindowShrinksUnderLossAndGrowsWithout() throws Exception {
        SimulatedPath clean = new SimulatedPath(23);
        clean.jitter = 0;
        Transfer t = new Transfer(random(1 << 20, 3), clean.a, clean.b, 0);
        assertTrue(clean.runUntil(() -> t.eof, 300 * SECOND, t::step));
        long grown = clean.a.stats().congestionWindow();
        assertTrue(grown > 10L * 1200, "slow start grew the window: " + grown);

        SimulatedPath lossy = new SimulatedPath(23);
        lossy.jitter = 0;
        lossy.loss = 0.2;
        Transfer u = new Transfer(random(1 << 20, 3), lossy.a, lossy.b, 0);
        assertTrue(lossy.runUntil(() -> u.eof, 3000 * SECOND, u::step));
        assertTrue(lossy.a.stats().congestionWindow() < grown, "loss kept the window smaller");
        assertArrayEquals(u.data, u.received.toByteArray());
    }

    @Test
    void rttEstimateFollowsThePath() {
        SimulatedPath path = new SimulatedPath(24);
        path.jitter = 0;
        path.delay = 30_000_000L;
        Transfer t = new Transfer(random(200_000, 4), path.a, path.b, 0);
        assertTrue(path.runUntil(() -> t.eof, 100 * SECOND, t::step));
        long srtt = path.a.stats().smoothedRttNanos();
        assertTrue(srtt >= 60_000_000L && srtt <= 80_000_000L, "SRTT near 2 x 30 ms plus ack delay: " + srtt);
    }

    @Test
    void unknownChannelClosesTheSessionWithItsCode() {
        ConnectionConfig wide = new ConnectionConfig(32, 1 << 20, 10, Duration.ofMillis(200), Duration.ofSeconds(10),
                Duration.ofMillis(5), Duration.ofSeconds(10), Duration.ofSeconds(45));
        SimulatedPath path = new SimulatedPath(25, wide, ConnectionConfig.defaults());
        path.a.write(20, new byte[] {1, 2, 3}, 0, 3);
        assertTrue(path.runUntil(() -> path.b.state() == Connection.State.FAILED
                && path.a.state() == Connection.State.CLOSED, 10 * SECOND, () -> { }));
        assertTrue(path.b.failure().contains("channel 20"), path.b.failure());
        assertEquals(Connection.CLOSE_UNKNOWN_CHANNEL, path.a.peerCloseCode());
        assertThrows(UnknownChannelException.class, () -> path.b.read(16, new byte[1], 0, 1));
    }

    @Test
    void authenticatedCloseEndsBothSidesAndForgedCloseDoesNot() {
        SimulatedPath path = new SimulatedPath(26);
        assertTrue(path.runUntil(() -> path.b.peerConfirmed(), SECOND, () -> { }));
        byte[] forged = new byte[40];
        forged[0] = 1;
        path.inject(false, forged);
        assertEquals(Connection.State.OPEN, path.b.state());
        assertEquals(1, path.b.stats().recordsRejected());
        path.a.close(Connection.CLOSE_NORMAL);
        assertTrue(path.runUntil(() -> path.a.state() == Connection.State.CLOSED
                && path.b.state() == Connection.State.CLOSED, 10 * SECOND, () -> { }));
        assertEquals(Connection.CLOSE_NORMAL, path.b.peerCloseCode());
        assertThrows(IllegalStateException.class, () -> path.a.write(0, new byte[1], 0, 1));
    }

    @Test
    void closeIsResentWhenLostThenGivesUp() {
        SimulatedPath path = new SimulatedPath(27);
        assertTrue(path.runUntil(() -> path.b.peerConfirmed(), SECOND, () -> { }));
        path.blackhole = true;
        path.a.close(Connection.CLOSE_NORMAL);
        long before = path.a.stats().recordsSent();
        assertTrue(path.runUntil(() -> path.a.state() == Connection.State.CLOSED, 30 * SECOND, () -> { }));
        assertEquals(3, path.a.stats().recordsSent() - before, "three CLOSE records, then closed");
    }

    @Test
    void keepalivesHoldAnIdleSessionAndSilenceEndsIt() {
        SimulatedPath path = new SimulatedPath(28);
        path.runUntil(() -> false, 120 * SECOND, () -> { });
        assertEquals(Connection.State.OPEN, path.a.state());
        assertEquals(Connection.State.OPEN, path.b.state());
        assertTrue(path.b.stats().recordsReceived() >= 10, "keepalives arrived: " + path.b.stats().recordsReceived());
        path.blackhole = true;
        assertTrue(path.runUntil(() -> path.a.state() == Connection.State.FAILED, 60 * SECOND, () -> { }));
        assertTrue(path.a.failure().contains("no valid record"), path.a.failure());
    }

    @Test
    void responderSendsNoDataBeforeTheInitiatorConfirms() {
        SimulatedPath path = new SimulatedPath(29);
        path.b.write(0, new byte[] {9}, 0, 1);
        byte[] out = new byte[1200];
        int n = path.b.poll(0, out, dev.parley.session.record.RecordLayer.MAX_RECORD);
        assertTrue(n > 0, "the responder sends a keepalive");
        path.a.onDatagram(out, n, 0);
        assertEquals(0, path.a.available(0), "but no channel data before confirmation");
        assertTrue(!path.b.peerConfirmed());
        byte[] got = new byte[1];
        assertTrue(path.runUntil(() -> path.a.read(0, got, 0, 1) == 1, 5 * SECOND, () -> { }));
        assertEquals(9, got[0]);
    }

    @Test
    void aLostTailIsRepairedByAProbeLongBeforeTheRetransmissionTimeout() {
        // a 1 s RTO floor: only the tail-loss probe (about SRTT + 1 ms + ACK delay) can repair the loss sooner
        ConnectionConfig slowRto = new ConnectionConfig(16, 1 << 20, 10, Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofMillis(5), Duration.ofSeconds(10), Duration.ofSeconds(45));
        SimulatedPath path = new SimulatedPath(27, slowRto, slowRto);
        path.delay = 1_000_000L;
        path.jitter = 0;
        byte[] buf = new byte[8192];
        int[] got = {0};
        Runnable drain = () -> {
            int n;
            while ((n = path.b.read(0, buf, 0, buf.length)) > 0) {
                got[0] += n;
            }
        };
        path.a.write(0, new byte[] {1}, 0, 1);
        assertTrue(path.runUntil(() -> got[0] == 1 && path.a.allAcked(0), SECOND, drain),
                "a first exchange gives an RTT sample");
        path.a.write(0, new byte[3000], 0, 3000);  // three datagrams, all lost: the whole message is the tail
        path.blackhole = true;
        path.runUntil(() -> true, 1, () -> { });
        path.blackhole = false;
        long start = path.now;
        assertTrue(path.runUntil(() -> got[0] == 3001, 10 * SECOND, drain));
        long took = path.now - start;
        assertTrue(took < 100_000_000L, "repaired in " + took / 1_000_000 + " ms, well inside the 1 s RTO");
        assertEquals(0, path.a.stats().timeouts(), "no retransmission timeout fired");
    }
}
