package dev.parley.nat.link.internal;

import dev.parley.nat.link.CandidateBlob;
import dev.parley.nat.link.DatagramLink;
import dev.parley.nat.link.LinkClosedException;
import dev.parley.nat.link.LinkConfig;
import dev.parley.nat.link.LinkException;
import dev.parley.nat.link.LinkPath;
import dev.parley.nat.link.PathType;
import dev.parley.nat.link.RelayEndpoint;
import dev.parley.nat.relay.websocket.RelayClient;
import dev.parley.nat.relay.websocket.RelayConnectException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link behind {@link DatagramLink}: relay and ICE started together, the relay used as soon
 * as it is attached, the direct pair as soon as ICE selects one (Tailscale style), never back.
 *
 * <p>States: {@code GATHERED -> CONNECTING -> RELAYED -> DIRECT}, or {@code CONNECTING -> DIRECT}
 * directly, {@code CONNECTING -> FAILED} when both the relay and ICE fail, and {@code CLOSED}
 * from anywhere. Transitions happen under the object's lock; sends read a volatile snapshot.
 * Inbound datagrams go to a bounded queue ({@link #INBOUND_QUEUE}); when full, new ones are
 * dropped as a congested network would.
 */
public final class LinkEngine implements DatagramLink {
    private static final Logger LOG = LoggerFactory.getLogger(LinkEngine.class);
    static final int INBOUND_QUEUE = 4096;

    enum State { GATHERED, CONNECTING, RELAYED, DIRECT, FAILED, CLOSED }

    private final LinkConfig config;
    private final IcePeer ice;
    private final CompletableFuture<RelayClient> relayFuture;
    private final BlockingQueue<byte[]> inbound = new ArrayBlockingQueue<>(INBOUND_QUEUE);
    private final List<Consumer<LinkPath>> listeners = new CopyOnWriteArrayList<>();
    private final RttEstimator rtt = new RttEstimator();
    private final ScheduledExecutorService timer;
    private State state = State.GATHERED;
    private volatile LinkPath path;
    private volatile InetSocketAddress directRemote;
    private String iceFailure;
    private String relayFailure;

    private LinkEngine(LinkConfig config, IcePeer ice, CompletableFuture<RelayClient> relayFuture) {
        this.config = config;
        this.ice = ice;
        this.relayFuture = relayFuture;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("link-keepalive")
                .unstarted(r));
    }

    /** Starts attaching to the relay (in the background) and gathers ICE candidates (blocking). */
    public static LinkEngine prepare(LinkConfig config, boolean controlling) throws LinkException {
        CompletableFuture<RelayClient> relay = new CompletableFuture<>();
        LinkEngine[] self = new LinkEngine[1];
        if (config.relay().isPresent()) {
            RelayEndpoint endpoint = config.relay().get();
            Thread.ofVirtual().name("relay-attach").start(() -> {
                try {
                    relay.complete(RelayClient.connect(endpoint.uri(), endpoint.token(), config.connectTimeout(),
                            frame -> {
                                LinkEngine engine = self[0];
                                if (engine != null) {
                                    engine.onFrame(frame, 0, frame.length, true);
                                }
                            }));
                } catch (RelayConnectException e) {
                    relay.completeExceptionally(e);
                } catch (InterruptedException e) {
                    relay.completeExceptionally(e);
                }
            });
        } else {
            relay.completeExceptionally(new LinkException("no relay configured"));
        }
        IcePeer ice;
        try {
            ice = new IcePeer(controlling, config.hosts(), config.stunServers());
        } catch (LinkException e) {
            relay.thenAccept(RelayClient::close);
            throw e;
        }
        LinkEngine engine = new LinkEngine(config, ice, relay);
        self[0] = engine;
        return engine;
    }

    public CandidateBlob localBlob() {
        return ice.localBlob();
    }

    /** Starts ICE against the peer's blob; the relay path is taken as soon as it is attached. */
    public void start(CandidateBlob remote) {
        synchronized (this) {
            if (state != State.GATHERED) {
                throw new IllegalStateException("link already started (state " + state + ")");
            }
            state = State.CONNECTING;
        }
        relayFuture.whenComplete((client, error) -> {
            if (error == null) {
                onRelayAttached(client);
            } else {
                onRelayFailed(error.getMessage());
            }
        });
        ice.start(remote, outcome -> {
            switch (outcome) {
                case IcePeer.Selected s -> onDirect(s);
                case IcePeer.Failed f -> onIceFailed(f.reason());
            }
        });
        timer.scheduleAtFixedRate(this::keepalive, config.keepaliveInterval().toMillis(),
                config.keepaliveInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until the link has a path. */
    public void awaitFirstPath(Duration timeout) throws LinkException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (state == State.CONNECTING || state == State.GATHERED) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    close();
                    throw new LinkException("no path to the peer within " + timeout.toMillis()
                            + " ms; ICE: " + (iceFailure == null ? "still checking" : iceFailure)
                            + "; relay: " + (relayFailure == null ? "still connecting" : relayFailure));
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            if (state == State.FAILED || state == State.CLOSED) {
                throw new LinkException("no path to the peer: ICE " + iceFailure + "; relay " + relayFailure
                        + ". Check UDP reachability with 'parley nat check' and the relay token's expiry");
            }
        }
    }

    private void onRelayAttached(RelayClient client) {
        LinkPath changed = null;
        synchronized (this) {
            if (state == State.CONNECTING) {
                state = State.RELAYED;
                changed = new LinkPath(PathType.RELAY, new InetSocketAddress(0),
                        new InetSocketAddress(config.relay().orElseThrow().uri().getHost(),
                                config.relay().orElseThrow().uri().getPort()));
                path = changed;
                notifyAll();
            } else if (state == State.CLOSED) {
                client.close();
            }
        }
        if (changed != null) {
            announce(changed);
        }
    }

    private void onRelayFailed(String reason) {
        synchronized (this) {
            relayFailure = reason;
            if (state == State.CONNECTING && iceFailure != null) {
                state = State.FAILED;
                notifyAll();
            }
        }
    }

    private void onDirect(IcePeer.Selected selected) {
        LinkPath changed;
        synchronized (this) {
            if (state != State.CONNECTING && state != State.RELAYED) {
                return;
            }
            state = State.DIRECT;
            directRemote = selected.remote();
            changed = new LinkPath(selected.type(), selected.local(), selected.remote());
            path = changed;
            notifyAll();
        }
        Thread.ofPlatform().daemon().name("link-direct-reader").start(this::readDirect);
        announce(changed);
    }

    private void onIceFailed(String reason) {
        synchronized (this) {
            iceFailure = reason;
            if (state == State.CONNECTING && relayFuture.isCompletedExceptionally()) {
                state = State.FAILED;
                notifyAll();
            }
        }
        LOG.debug("ICE failed ({}); staying on {}", reason, path == null ? "no path" : path.type());
    }

    private void announce(LinkPath changed) {
        LOG.debug("link path is now {}", changed);
        rtt.reset();
        keepalive();
        for (Consumer<LinkPath> l : listeners) {
            l.accept(changed);
        }
    }

    private void readDirect() {
        byte[] buffer = new byte[MAX_PAYLOAD + 64];
        while (true) {
            synchronized (this) {
                if (state == State.CLOSED) {
                    return;
                }
            }
            try {
                DatagramPacket p = ice.receive(buffer);
                onFrame(p.getData(), p.getOffset(), p.getLength(), false);
            } catch (IOException e) {
                LOG.debug("direct path reader stopped: {}", e.getMessage());
                return;
            }
        }
    }

    private void onFrame(byte[] data, int offset, int length, boolean viaRelay) {
        Optional<LinkFrame> parsed = LinkFrame.parse(data, offset, length);
        if (parsed.isEmpty()) {
            return;
        }
        LinkFrame frame = parsed.get();
        switch (frame.type()) {
            case DATA -> inbound.offer(frame.payload());
            case PING -> sendOn(new LinkFrame(LinkFrame.Type.PONG, frame.payload()).encode(), viaRelay);
            case PONG -> {
                long sent = ByteBuffer.wrap(frame.payload()).getLong(8);
                rtt.sample(Duration.ofNanos(nanos() - sent));
            }
        }
    }

    private void keepalive() {
        LinkPath p = path;
        if (p != null) {
            sendOn(LinkFrame.ping(config.random().nextLong(), nanos()).encode(), p.type() == PathType.RELAY);
        }
    }

    private void sendOn(byte[] frame, boolean viaRelay) {
        try {
            if (viaRelay) {
                RelayClient client = relayFuture.getNow(null);
                if (client != null) {
                    client.send(frame);
                }
            } else if (directRemote != null) {
                ice.send(frame, directRemote);
            }
        } catch (IOException e) {
            LOG.debug("send on {} path failed: {}", viaRelay ? "relay" : "direct", e.getMessage());
        }
    }

    private long nanos() {
        Instant i = config.clock().instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @Override
    public void send(byte[] datagram) throws IOException {
        if (datagram.length > MAX_PAYLOAD) {
            throw new IllegalArgumentException("datagram of " + datagram.length + " bytes exceeds " + MAX_PAYLOAD);
        }
        LinkPath p = path;
        synchronized (this) {
            if (state == State.CLOSED || state == State.FAILED) {
                throw new LinkClosedException("link is " + state.name().toLowerCase());
            }
        }
        if (p == null) {
            throw new LinkClosedException("link has no path yet; wait for it to be returned by complete() or link()");
        }
        byte[] frame = new LinkFrame(LinkFrame.Type.DATA, datagram).encode();
        if (p.type() == PathType.RELAY) {
            sendOn(frame, true);
        } else {
            ice.send(frame, directRemote);
        }
    }

    @Override
    public Optional<byte[]> receive(Duration timeout) throws InterruptedException, LinkClosedException {
        synchronized (this) {
            if (state == State.CLOSED) {
                throw new LinkClosedException("link is closed");
            }
        }
        return Optional.ofNullable(inbound.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    @Override
    public LinkPath path() {
        return path;
    }

    @Override
    public Optional<Duration> smoothedRtt() {
        return rtt.smoothed();
    }

    @Override
    public void onPathChange(Consumer<LinkPath> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            notifyAll();
        }
        timer.shutdownNow();
        relayFuture.thenAccept(RelayClient::close);
        ice.close();
    }
}
