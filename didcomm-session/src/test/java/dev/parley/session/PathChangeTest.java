package dev.parley.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.session.handshake.Established;
import dev.parley.session.handshake.TestSessions;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A session keeps going when its datagrams move to another path mid-transfer (relay to direct, NAT rebinding). */
class PathChangeTest {

    /** Two real UDP paths; sends go on the active one, receives take from both (stragglers of the old path). */
    private static final class TwoPaths implements DatagramTransport {
        final UdpTransport first;
        final UdpTransport second;
        volatile boolean switched;
        final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

        TwoPaths(UdpTransport first, UdpTransport second) {
            this.first = first;
            this.second = second;
        }

        void switchPath() {
            switched = true;
            listeners.forEach(l -> l.accept("direct"));
        }

        @Override
        public void send(byte[] datagram) throws IOException {
            (switched ? second : first).send(datagram);
        }

        @Override
        public Optional<byte[]> receive(Duration timeout) throws IOException {
            long deadline = System.nanoTime() + timeout.toNanos();
            do {
                Optional<byte[]> d = second.receive(Duration.ofMillis(1));
                if (d.isEmpty()) {
                    d = first.receive(Duration.ofMillis(1));
                }
                if (d.isPresent()) {
                    return d;
                }
            } while (System.nanoTime() < deadline);
            return Optional.empty();
        }

        @Override
        public void onPathChange(Consumer<String> listener) {
            listeners.add(listener);
        }

        @Override
        public void close() {
            first.close();
            second.close();
        }
    }

    @Test
    void transferSurvivesAPathChangeOnBothSides() throws Exception {
        Established[] est = TestSessions.established(61);
        UdpTransport[] relay = UdpTransport.pair(0, 61);
        UdpTransport[] direct = UdpTransport.pair(0, 63);
        TwoPaths pa = new TwoPaths(relay[0], direct[0]);
        TwoPaths pb = new TwoPaths(relay[1], direct[1]);
        List<String> events = new CopyOnWriteArrayList<>();
        try (Session a = Session.start(est[0], pa, SessionConfig.defaults());
             Session b = Session.start(est[1], pb, SessionConfig.defaults())) {
            a.onPathChange(events::add);
            Channel ca = a.openChannel(0, ChannelMode.MESSAGE);
            Channel cb = b.openChannel(0, ChannelMode.MESSAGE);
            Random r = new Random(1);
            for (int i = 0; i < 40; i++) {
                byte[] m = new byte[20_000];
                r.nextBytes(m);
                if (i == 20) {
                    pa.switchPath();
                    pb.switchPath();
                }
                ca.send(m);
                assertArrayEquals(m, cb.receive(Duration.ofSeconds(20)).orElseThrow(), "message " + i);
            }
            assertEquals(List.of("direct"), events);
        }
    }
}
