package dev.parley.nat.link.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.nat.stun.StunClass;
import dev.parley.nat.stun.StunCodec;
import dev.parley.nat.stun.StunMessage;
import dev.parley.nat.stun.TransactionId;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The host socket's split: STUN to ice4j's {@code receive}, everything else to the link's handler. */
class DemuxSocketTest {
    /** A grace no test outlasts: the reader never takes the socket back behind a test's back. */
    private static final long LONG_GRACE = TimeUnit.MINUTES.toNanos(10);
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private record Got(byte[] data, InetSocketAddress from, DemuxSocket socket, Thread thread) {
    }

    private static DemuxSocket started(BlockingQueue<Got> handled) throws SocketException {
        return started(handled, DemuxSocket.GRACE_NANOS);
    }

    private static DemuxSocket started(BlockingQueue<Got> handled, long graceNanos) throws SocketException {
        DemuxSocket s = new DemuxSocket(LOOPBACK, 70_000, graceNanos);
        s.handler((socket, data, offset, length, from) -> handled.add(
                new Got(Arrays.copyOfRange(data, offset, offset + length), from, socket, Thread.currentThread())));
        s.start();
        return s;
    }

    private static void sendTo(DatagramSocket from, DemuxSocket to, byte[] data) throws Exception {
        from.send(new DatagramPacket(data, data.length, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                to.getLocalPort())));
    }

    @Test
    void stunGoesToReceiveAndEverythingElseToTheHandler() throws Exception {
        BlockingQueue<Got> handled = new ArrayBlockingQueue<>(16);
        try (DemuxSocket demux = started(handled); DatagramSocket peer = new DatagramSocket(LOOPBACK)) {
            byte[] stun = StunCodec.encode(new StunMessage(StunClass.REQUEST, StunMessage.BINDING,
                    TransactionId.random(new SecureRandom()), java.util.List.of()));
            byte[] data = {(byte) 0xD0, 1, 2, 3};
            byte[] large = new byte[60_000];
            large[0] = (byte) 0xD0;
            sendTo(peer, demux, data);
            sendTo(peer, demux, stun);
            sendTo(peer, demux, large);

            DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
            demux.setSoTimeout(5_000);
            demux.receive(p);
            assertArrayEquals(stun, Arrays.copyOf(p.getData(), p.getLength()), "ice4j reads the STUN message");
            assertEquals(peer.getLocalPort(), ((InetSocketAddress) p.getSocketAddress()).getPort());

            Got first = handled.poll(5, TimeUnit.SECONDS);
            assertArrayEquals(data, first.data(), "the link gets the data");
            assertEquals(peer.getLocalPort(), first.from().getPort(), "with its source");
            assertEquals(demux, first.socket(), "and the socket to answer from");
            assertEquals(60_000, handled.poll(5, TimeUnit.SECONDS).data().length, "a large datagram arrives whole");
            assertTrue(handled.isEmpty(), "STUN never reaches the link");
        }
    }

    @Test
    void aDatagramThatOnlyLooksLikeStunWithoutTheCookieIsData() throws Exception {
        BlockingQueue<Got> handled = new ArrayBlockingQueue<>(16);
        try (DemuxSocket demux = started(handled); DatagramSocket peer = new DatagramSocket(LOOPBACK)) {
            byte[] noCookie = new byte[20]; // first byte 0, but no magic cookie at 4..7
            sendTo(peer, demux, noCookie);
            assertArrayEquals(noCookie, handled.poll(5, TimeUnit.SECONDS).data());
            demux.setSoTimeout(100);
            assertThrows(SocketTimeoutException.class, () -> demux.receive(new DatagramPacket(new byte[64], 64)),
                    "nothing for ice4j");
        }
    }

    @Test
    void ice4jsTimeoutDoesNotStopTheReaderAndCloseWakesIce4j() throws Exception {
        BlockingQueue<Got> handled = new ArrayBlockingQueue<>(16);
        DemuxSocket demux = started(handled);
        try (DatagramSocket peer = new DatagramSocket(LOOPBACK)) {
            demux.setSoTimeout(50);
            assertThrows(SocketTimeoutException.class, () -> demux.receive(new DatagramPacket(new byte[64], 64)));
            sendTo(peer, demux, new byte[] {(byte) 0xD0, 9});
            assertArrayEquals(new byte[] {(byte) 0xD0, 9}, handled.poll(5, TimeUnit.SECONDS).data(),
                    "the reader kept reading after ice4j's timeout");

            demux.setSoTimeout(0);
            CompletableFuture<Throwable> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    demux.receive(new DatagramPacket(new byte[64], 64));
                    return null;
                } catch (Exception e) {
                    return e;
                }
            });
            assertFalse(blocked.isDone());
            demux.close();
            assertTrue(blocked.get(5, TimeUnit.SECONDS) instanceof SocketException, "close wakes ice4j's reader");
            assertThrows(SocketException.class, () -> demux.receive(new DatagramPacket(new byte[64], 64)),
                    "and every later read fails at once");
        }
    }

    /** Pumps until the reader has stepped aside (after the datagram sent here) and a pump has read one. */
    private static Got pumpedAfterStepAside(DemuxSocket demux, DatagramSocket peer, BlockingQueue<Got> handled)
            throws Exception {
        assertFalse(demux.pump(TimeUnit.SECONDS.toNanos(5)), "the reader reads until it has seen a pump's ask");
        sendTo(peer, demux, new byte[] {(byte) 0xD0, 1});
        assertTrue(handled.poll(5, TimeUnit.SECONDS).thread().getName().startsWith("link-socket-"),
                "the datagram after the ask is still the reader's");
        sendTo(peer, demux, new byte[] {(byte) 0xD0, 2});
        // the reader steps aside just after handing the first one over: until then a pump cannot read
        for (int i = 0; i < 5_000 && handled.isEmpty(); i++) {
            if (!demux.pump(TimeUnit.SECONDS.toNanos(5))) {
                Thread.sleep(1);
            }
        }
        return handled.poll(5, TimeUnit.SECONDS);
    }

    @Test
    void aWaitingThreadReadsTheSocketItselfOnceTheReaderStepsAside() throws Exception {
        BlockingQueue<Got> handled = new ArrayBlockingQueue<>(16);
        try (DemuxSocket demux = started(handled, LONG_GRACE); DatagramSocket peer = new DatagramSocket(LOOPBACK)) {
            Got got = pumpedAfterStepAside(demux, peer, handled);
            assertArrayEquals(new byte[] {(byte) 0xD0, 2}, got.data());
            assertEquals(Thread.currentThread(), got.thread(), "the pump ran the handler on the pumping thread");

            byte[] stun = StunCodec.encode(new StunMessage(StunClass.REQUEST, StunMessage.BINDING,
                    TransactionId.random(new SecureRandom()), java.util.List.of()));
            sendTo(peer, demux, stun);
            assertTrue(demux.pump(TimeUnit.SECONDS.toNanos(5)));
            demux.setSoTimeout(5_000);
            DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
            demux.receive(p);
            assertArrayEquals(stun, Arrays.copyOf(p.getData(), p.getLength()), "STUN read by a pump goes to ice4j");
            assertTrue(handled.isEmpty());
        }
    }

    /**
     * Starts a ten-minute pump on another thread and returns once it pumps (this thread's pumps then fail: with
     * {@link #LONG_GRACE} the reader never takes the socket back). The future tells what the pump returned, false
     * when the socket was closed under it.
     */
    private static CompletableFuture<Boolean> pumpingElsewhere(DemuxSocket demux) throws InterruptedException {
        CompletableFuture<Boolean> longPump = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                while (!demux.pump(TimeUnit.MINUTES.toNanos(10))) {
                    if (demux.isClosed()) {
                        longPump.complete(false);
                        return;
                    }
                    Thread.onSpinWait(); // the caller's own short pumps below may hold the socket for a moment
                }
                longPump.complete(true);
            } catch (RuntimeException e) {
                longPump.completeExceptionally(e);
            }
        });
        boolean otherPumped = true;
        for (int i = 0; i < 5_000 && otherPumped; i++) {
            Thread.sleep(1); // leaves the socket free most of the time, so the long pump gets in
            otherPumped = demux.pump(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertFalse(otherPumped, "a second thread cannot pump while one does");
        return longPump;
    }

    @Test
    void aPumpEndsWhenItsTimeIsUpOrWhenWokenAndOnlyOneThreadPumps() throws Exception {
        BlockingQueue<Got> handled = new ArrayBlockingQueue<>(16);
        try (DemuxSocket demux = started(handled, LONG_GRACE); DatagramSocket peer = new DatagramSocket(LOOPBACK)) {
            pumpedAfterStepAside(demux, peer, handled);
            assertTrue(demux.pump(TimeUnit.MILLISECONDS.toNanos(30)), "nothing comes: the reader ends the pump");
            assertTrue(handled.isEmpty());

            CompletableFuture<Boolean> longPump = pumpingElsewhere(demux);
            demux.wakePump();
            assertTrue(longPump.get(10, TimeUnit.SECONDS), "wakePump ends a ten-minute pump");
            assertTrue(handled.isEmpty(), "the wake-up is no datagram for the link");
        }
    }

    @Test
    void theReaderTakesTheSocketBackWhenNoOnePumps() throws Exception {
        BlockingQueue<Got> handled = new ArrayBlockingQueue<>(16);
        try (DemuxSocket demux = started(handled, TimeUnit.MILLISECONDS.toNanos(100));
             DatagramSocket peer = new DatagramSocket(LOOPBACK)) {
            pumpedAfterStepAside(demux, peer, handled);
            Thread.sleep(500);
            sendTo(peer, demux, new byte[] {(byte) 0xD0, 3});
            Got got = handled.poll(5, TimeUnit.SECONDS);
            assertArrayEquals(new byte[] {(byte) 0xD0, 3}, got.data());
            assertTrue(got.thread().getName().startsWith("link-socket-"), "no pump for a while: the reader reads");
        }
    }

    @Test
    void closeEndsAPump() throws Exception {
        BlockingQueue<Got> handled = new ArrayBlockingQueue<>(16);
        DemuxSocket demux = started(handled, LONG_GRACE);
        try (DatagramSocket peer = new DatagramSocket(LOOPBACK)) {
            pumpedAfterStepAside(demux, peer, handled);
            CompletableFuture<Boolean> longPump = pumpingElsewhere(demux);
            demux.close();
            assertFalse(longPump.get(10, TimeUnit.SECONDS), "close ends a pump, which then reports it read nothing");
            assertFalse(demux.pump(TimeUnit.SECONDS.toNanos(1)), "and no pump runs on a closed socket");
        }
    }

    @Test
    void aBulkDatagramGivesTheSocketBackToTheReaderUntilASmallOneComes() throws Exception {
        BlockingQueue<Got> handled = new ArrayBlockingQueue<>(16);
        try (DemuxSocket demux = started(handled, LONG_GRACE); DatagramSocket peer = new DatagramSocket(LOOPBACK)) {
            pumpedAfterStepAside(demux, peer, handled);
            byte[] bulk = new byte[5_000];
            bulk[0] = (byte) 0xD0;
            sendTo(peer, demux, bulk);
            assertTrue(demux.pump(TimeUnit.SECONDS.toNanos(5)));
            assertEquals(Thread.currentThread(), handled.poll(5, TimeUnit.SECONDS).thread(), "the pump read it");

            sendTo(peer, demux, bulk);
            Got next = handled.poll(5, TimeUnit.SECONDS);
            assertTrue(next.thread().getName().startsWith("link-socket-"), "after bulk the reader reads at once");
            assertFalse(demux.pump(TimeUnit.SECONDS.toNanos(5)), "and pumps wait for a small datagram");

            Got small = pumpedAfterStepAside(demux, peer, handled);
            assertEquals(Thread.currentThread(), small.thread(), "a small one lets pumps read again");
        }
    }

    @Test
    void releaseGivesAnIdleSocketBackToTheReaderAtOnce() throws Exception {
        BlockingQueue<Got> handled = new ArrayBlockingQueue<>(16);
        try (DemuxSocket demux = started(handled, LONG_GRACE); DatagramSocket peer = new DatagramSocket(LOOPBACK)) {
            pumpedAfterStepAside(demux, peer, handled);
            demux.release();
            sendTo(peer, demux, new byte[] {(byte) 0xD0, 4});
            assertTrue(handled.poll(5, TimeUnit.SECONDS).thread().getName().startsWith("link-socket-"),
                    "released long before its grace: the reader reads");
        }
    }
}
