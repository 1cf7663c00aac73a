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
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private record Got(byte[] data, InetSocketAddress from, DemuxSocket socket) {
    }

    private static DemuxSocket started(BlockingQueue<Got> handled) throws SocketException {
        DemuxSocket s = new DemuxSocket(LOOPBACK, 70_000);
        s.handler((socket, data, offset, length, from) ->
                handled.add(new Got(Arrays.copyOfRange(data, offset, offset + length), from, socket)));
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
}
