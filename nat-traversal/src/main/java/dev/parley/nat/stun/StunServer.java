package dev.parley.nat.stun;

import dev.parley.nat.internal.SourceRateLimiter;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embeddable STUN binding server (RFC 8489) on two UDP ports of one address, answering
 * CHANGE-REQUEST(change port) from the other port and advertising it as OTHER-ADDRESS (RFC 5780),
 * so a client can tell endpoint-independent from endpoint-dependent mapping.
 *
 * <p>Malformed datagrams, non-requests and requests over a source's rate are dropped without an
 * answer (answering garbage would make the server a reflector). Each port is served by one
 * thread; {@link #close()} stops both. Thread safe.
 */
public final class StunServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StunServer.class);
    private static final String SOFTWARE = "parley-stun";

    private final DatagramSocket primary;
    private final DatagramSocket secondary;
    private final SourceRateLimiter limiter;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();

    /** Counters since start, for tests and operators. */
    public record Stats(long answered, long rateLimited, long malformed) {
    }

    private StunServer(DatagramSocket primary, DatagramSocket secondary, StunServerConfig config) {
        this.primary = primary;
        this.secondary = secondary;
        this.limiter = new SourceRateLimiter(config.clock(), config.requestsPerSecond(), config.burst(),
                config.maxTrackedSources());
    }

    /** Binds both ports and starts serving. */
    public static StunServer start(StunServerConfig config) throws IOException {
        DatagramSocket primary = new DatagramSocket(new InetSocketAddress(config.bindAddress(), config.primaryPort()));
        DatagramSocket secondary;
        try {
            secondary = new DatagramSocket(new InetSocketAddress(config.bindAddress(), config.secondaryPort()));
        } catch (IOException e) {
            primary.close();
            throw e;
        }
        StunServer server = new StunServer(primary, secondary, config);
        server.threads.add(Thread.ofPlatform().daemon().name("stun-primary").start(() -> server.serve(primary, secondary)));
        server.threads.add(Thread.ofPlatform().daemon().name("stun-secondary").start(() -> server.serve(secondary, primary)));
        LOG.info("STUN server on {} and {}", server.primaryAddress(), server.secondaryAddress());
        return server;
    }

    public InetSocketAddress primaryAddress() {
        return (InetSocketAddress) primary.getLocalSocketAddress();
    }

    public InetSocketAddress secondaryAddress() {
        return (InetSocketAddress) secondary.getLocalSocketAddress();
    }

    public Stats stats() {
        return new Stats(answered.get(), rateLimited.get(), malformed.get());
    }

    private void serve(DatagramSocket socket, DatagramSocket other) {
        byte[] buf = new byte[StunCodec.MAX_MESSAGE_LENGTH + 1];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        while (!socket.isClosed()) {
            try {
                packet.setLength(buf.length);
                socket.receive(packet);
                handle(packet, socket, other);
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                LOG.warn("STUN socket {} failed to send or receive: {}", socket.getLocalSocketAddress(), e.getMessage());
            }
        }
    }

    private void handle(DatagramPacket packet, DatagramSocket socket, DatagramSocket other) throws IOException {
        InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
        StunMessage request;
        try {
            request = StunCodec.decode(packet.getData(), packet.getOffset(), packet.getLength());
        } catch (StunFormatException e) {
            malformed.incrementAndGet();
            LOG.debug("dropped malformed datagram from {}: {}", from, e.getMessage());
            return;
        }
        if (!request.isBindingRequest()) {
            malformed.incrementAndGet();
            return;
        }
        if (!limiter.allow(from.getAddress())) {
            rateLimited.incrementAndGet();
            return;
        }
        DatagramSocket replyFrom = socket;
        List<Integer> unknown = new ArrayList<>();
        for (StunAttribute a : request.attributes()) {
            if (a.type() == StunAttribute.CHANGE_REQUEST) {
                int flags;
                try {
                    flags = StunAttributes.decodeChangeRequest(a);
                } catch (StunFormatException e) {
                    malformed.incrementAndGet();
                    return;
                }
                if ((flags & StunAttributes.CHANGE_IP) != 0) {
                    unknown.add(StunAttribute.CHANGE_REQUEST);
                } else if ((flags & StunAttributes.CHANGE_PORT) != 0) {
                    replyFrom = other;
                }
            } else if (a.comprehensionRequired() && a.type() != StunAttribute.USERNAME
                    && a.type() != StunAttribute.MESSAGE_INTEGRITY && a.type() != StunAttribute.PRIORITY) {
                unknown.add(a.type());
            }
        }
        byte[] response;
        if (!unknown.isEmpty()) {
            response = StunCodec.encode(new StunMessage(StunClass.ERROR_RESPONSE, StunMessage.BINDING,
                    request.transactionId(), List.of(
                    StunAttributes.errorCode(420, "Unknown Attribute"),
                    StunAttributes.unknownAttributes(unknown.stream().mapToInt(Integer::intValue).toArray()),
                    StunAttributes.software(SOFTWARE))));
            replyFrom = socket;
        } else {
            InetSocketAddress otherAddress = (InetSocketAddress) (replyFrom == primary ? secondary : primary)
                    .getLocalSocketAddress();
            response = StunCodec.encode(new StunMessage(StunClass.SUCCESS_RESPONSE, StunMessage.BINDING,
                    request.transactionId(), List.of(
                    StunAttributes.xorMappedAddress(from, request.transactionId()),
                    StunAttributes.plainAddress(StunAttribute.RESPONSE_ORIGIN,
                            (InetSocketAddress) replyFrom.getLocalSocketAddress()),
                    StunAttributes.plainAddress(StunAttribute.OTHER_ADDRESS, otherAddress),
                    StunAttributes.software(SOFTWARE))));
        }
        answered.incrementAndGet(); // counted first, so a client that has its answer also sees it counted
        replyFrom.send(new DatagramPacket(response, response.length, from));
    }

    @Override
    public void close() {
        primary.close();
        secondary.close();
        for (Thread t : threads) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
