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
import dev.parley.nat.relay.websocket.RelayReconnect;
import java.io.IOException;
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
 * as it is attached, the direct pair as soon as ICE selects one (Tailscale style), and the relay
 * again if the direct pair later loses consent ({@link ConsentFreshness}).
 *
 * <p>States: {@code GATHERED -> CONNECTING -> RELAYED -> DIRECT}, or {@code CONNECTING -> DIRECT}
 * directly; {@code DIRECT -> RELAYED} when the direct pair loses consent and a relay is
 * configured (never back to direct: that needs a new ICE exchange, i.e. a new link);
 * {@code CONNECTING -> FAILED} when both the relay and ICE fail, {@code DIRECT -> FAILED} when the
 * direct pair dies with no relay, {@code RELAYED -> FAILED} when the relay refuses the token for
 * good; {@code CLOSED} from anywhere. Transitions happen under the object's lock; sends and the
 * socket readers read the volatile state without it. Inbound datagrams go to the receiver set by
 * {@link #deliverTo} on the thread that read them, or else to a bounded queue ({@link #INBOUND_QUEUE});
 * when full, new ones are dropped as a congested network would. Datagrams from either path are
 * accepted at all times, so nothing in flight is refused around a switch.
 *
 * <p>Threads: each host socket's reader ({@code link-socket-PORT}, {@link DemuxSocket}) hands STUN
 * to ice4j and takes every other datagram itself, delivering data and answering pings (or a thread
 * that waits for data reads the selected socket itself, {@link #pump}); the relay
 * client's thread delivers relay frames; {@code link-keepalive} runs consent checks and keepalives;
 * ice4j runs its own STUN threads underneath.
 */
public final class LinkEngine implements DatagramLink {
    private static final Logger LOG = LoggerFactory.getLogger(LinkEngine.class);
    static final int INBOUND_QUEUE = 4096;
    private static CompletableFuture<Void> prewarmed;

    enum State { GATHERED, CONNECTING, RELAYED, DIRECT, FAILED, CLOSED }

    private final LinkConfig config;
    private final IcePeer ice;
    private final CompletableFuture<RelayClient> relayFuture;
    private final BlockingQueue<byte[]> inbound = new ArrayBlockingQueue<>(INBOUND_QUEUE);
    private final List<Consumer<LinkPath>> listeners = new CopyOnWriteArrayList<>();
    private final RttEstimator rtt = new RttEstimator();
    private final ConsentFreshness consent;
    private final ScheduledExecutorService timer;
    /** The path reported while on the relay: the relay server's address; null without a relay. */
    private final LinkPath relayPath;
    /** Written under the object's lock; read without it on the per-datagram paths (send, the socket readers). */
    private volatile State state = State.GATHERED;
    private volatile DatagramLink.Receiver receiver;
    private volatile LinkPath path;
    private volatile InetSocketAddress directRemote;
    private String iceFailure;
    private String relayFailure;
    private String directFailure;
    private volatile Instant lastRelayPing = Instant.MIN;
    /** What {@link #maxPayload()} reports: {@link #MAX_PAYLOAD} until a size probe on the direct path is answered. */
    private volatile int maxPayload = MAX_PAYLOAD;
    /** The size probe waiting for its answer: nonce and payload size; 0 size when none. */
    private volatile long probeNonce;
    private volatile int probeSize;

    private LinkEngine(LinkConfig config, IcePeer ice, CompletableFuture<RelayClient> relayFuture) {
        this.config = config;
        this.ice = ice;
        this.relayFuture = relayFuture;
        this.consent = new ConsentFreshness(config.consentTimeout(), config.clock());
        this.relayPath = config.relay().map(r -> new LinkPath(PathType.RELAY, new InetSocketAddress(0),
                new InetSocketAddress(r.uri().getHost(), r.uri().getPort()))).orElse(null);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("link-keepalive")
                .unstarted(r));
    }

    /**
     * Starts attaching to the relay (in the background), then gathers ICE candidates, blocking at
     * most for {@link LinkConfig#gatherTimeout()} on STUN: gathering never holds up the relay.
     */
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
                            }, RelayReconnect.defaults(), relayState -> {
                                LinkEngine engine = self[0];
                                if (engine != null) {
                                    engine.onRelayState(relayState);
                                }
                            }));
                } catch (RelayConnectException | InterruptedException e) {
                    relay.completeExceptionally(e);
                }
            });
        } else {
            relay.completeExceptionally(new LinkException("no relay configured"));
        }
        IcePeer ice;
        try {
            ice = new IcePeer(controlling, config.hosts(), config.stunServers(), config.gatherTimeout());
        } catch (LinkException e) {
            relay.thenAccept(RelayClient::close);
            throw e;
        } catch (InterruptedException e) {
            relay.thenAccept(RelayClient::close);
            Thread.currentThread().interrupt();
            throw new LinkException("interrupted while gathering candidates", e);
        }
        LinkEngine engine = new LinkEngine(config, ice, relay);
        self[0] = engine;
        ice.onDatagram(engine::onDirectFrame);
        return engine;
    }

    /** See {@code PeerLinks.prewarm()}. */
    public static synchronized CompletableFuture<Void> prewarm() {
        if (prewarmed == null) {
            CompletableFuture<Void> ice = CompletableFuture.runAsync(IcePeer::prewarm,
                    task -> Thread.ofPlatform().daemon().name("ice-prewarm").start(task));
            prewarmed = CompletableFuture.allOf(RelayClient.prewarm(), ice);
        }
        return prewarmed;
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
        // Off the caller's thread: starting checks in a fresh process loads much of ice4j (~100 ms),
        // which must not hold up the relay path or the blob the answerer is about to send.
        Thread.ofVirtual().name("ice-start").start(() -> {
            try {
                ice.start(remote, outcome -> {
                    switch (outcome) {
                        case IcePeer.Selected s -> onDirect(s);
                        case IcePeer.Failed f -> onIceFailed(f.reason());
                    }
                });
            } catch (RuntimeException e) {
                onIceFailed("ICE could not start checks: " + e);
            }
        });
        long tick = config.consentProbeInterval().toMillis();
        timer.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
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
                changed = relayPath;
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
            if ((state == State.CONNECTING && iceFailure != null) || state == State.RELAYED) {
                state = State.FAILED;
                notifyAll();
            }
        }
    }

    /** The relay client re-attaches by itself; only its final refusal matters to the link. */
    private void onRelayState(RelayClient.State relayState) {
        LOG.debug("relay attachment is now {}", relayState);
        if (relayState == RelayClient.State.CLOSED) {
            onRelayFailed("the relay refused the token for good (allocation expired or ended)");
        }
    }

    private void onDirect(IcePeer.Selected selected) {
        LinkPath changed;
        synchronized (this) {
            if ((state != State.CONNECTING && state != State.RELAYED) || directFailure != null) {
                return;
            }
            state = State.DIRECT;
            directRemote = selected.remote();
            consent.grant();
            changed = new LinkPath(selected.type(), selected.local(), selected.remote());
            path = changed;
            notifyAll();
        }
        announce(changed);
        startSizeProbe();
    }

    /** The direct pair is dead: fall back to the relay when there is one, else fail the link. */
    private void onDirectLost(String reason) {
        LinkPath changed = null;
        synchronized (this) {
            if (state != State.DIRECT) {
                return;
            }
            directFailure = reason;
            directRemote = null;
            maxPayload = MAX_PAYLOAD;
            probeSize = 0;
            boolean relayUsable = relayPath != null && !relayFuture.isCompletedExceptionally()
                    && (!relayFuture.isDone() || relayFuture.join().isOpen());
            if (relayUsable) {
                state = State.RELAYED;
                changed = relayPath;
                path = changed;
            } else {
                state = State.FAILED;
            }
            notifyAll();
        }
        LOG.debug("direct path lost ({}); {}", reason, changed == null ? "no relay to fall back to" : "back on the relay");
        ice.close();
        if (changed != null) {
            announce(changed);
        }
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
        LOG.debug("link path is now {}", changed.type());
        rtt.reset();
        ping(changed);
        for (Consumer<LinkPath> l : listeners) {
            l.accept(changed);
        }
    }

    private void onDirectFrame(DemuxSocket socket, byte[] data, int offset, int length, InetSocketAddress from) {
        Optional<LinkFrame> parsed = LinkFrame.parse(data, offset, length);
        if (parsed.isPresent() && parsed.get().type() == LinkFrame.Type.PROBE) {
            // answered from the socket it reached, to its source, like a STUN check: this side may not have
            // selected the pair yet
            try {
                byte[] ack = new LinkFrame(LinkFrame.Type.PROBE_ACK, parsed.get().payload()).encode();
                socket.send(new java.net.DatagramPacket(ack, ack.length, from));
            } catch (IOException e) {
                LOG.debug("size probe from {} not answered: {}", from, e.getMessage());
            }
            return;
        }
        parsed.ifPresent(frame -> onFrame(frame, false));
    }

    private void onFrame(byte[] data, int offset, int length, boolean viaRelay) {
        LinkFrame.parse(data, offset, length).ifPresent(frame -> onFrame(frame, viaRelay));
    }

    private void onFrame(LinkFrame frame, boolean viaRelay) {
        switch (frame.type()) {
            case DATA -> deliver(frame.payload());
            case PING -> sendOn(new LinkFrame(LinkFrame.Type.PONG, frame.payload()).encode(), viaRelay);
            case PONG -> onPong(ByteBuffer.wrap(frame.payload()), viaRelay);
            case PROBE -> { } // only on a direct path (onDirectFrame); a relay carries 1200 bytes
            case PROBE_ACK -> onProbeAck(ByteBuffer.wrap(frame.payload()), viaRelay);
        }
    }

    /**
     * Tries the largest payload the local interface sends unfragmented, at 0, 100 and 300 ms; the first answer
     * raises {@link #maxPayload()} to it. No answer (a smaller MTU on the way, or a peer without probes) leaves
     * {@link #MAX_PAYLOAD}: a lost probe costs nothing but itself.
     */
    private void startSizeProbe() {
        int size = Math.min(LARGEST_PAYLOAD, ice.selectedUdpPayloadLimit() - 1);
        if (size <= MAX_PAYLOAD) {
            return;
        }
        long nonce = config.random().nextLong();
        probeNonce = nonce;
        probeSize = size;
        for (int attempt = 0; attempt < 3; attempt++) {
            timer.schedule(() -> {
                InetSocketAddress remote = directRemote;
                if (probeSize == size && probeNonce == nonce && state == State.DIRECT && remote != null) {
                    try {
                        ice.send(LinkFrame.probe(nonce, size), remote);
                    } catch (IOException e) {
                        // e.g. EMSGSIZE: the kernel knows a smaller path MTU; the path keeps what it has
                        LOG.debug("size probe of {} bytes not sent: {}", size, e.getMessage());
                    }
                }
            }, attempt * attempt * 50L + attempt * 50L, TimeUnit.MILLISECONDS);
        }
    }

    private void onProbeAck(ByteBuffer ack, boolean viaRelay) {
        long nonce = ack.getLong(0);
        int size = ack.getInt(Long.BYTES);
        if (!viaRelay && state == State.DIRECT && probeSize > 0 && size == probeSize && nonce == probeNonce) {
            probeSize = 0;
            maxPayload = size;
            LOG.debug("direct path carries datagrams of {} bytes", size);
        }
    }

    @Override
    public int maxPayload() {
        return maxPayload;
    }

    @Override
    public boolean pump(long timeoutNanos) {
        return state == State.DIRECT && receiver != null && ice.pump(timeoutNanos);
    }

    @Override
    public void wakePump() {
        ice.wakePump();
    }

    @Override
    public void releasePump() {
        ice.releasePump();
    }

    private void deliver(byte[] datagram) {
        DatagramLink.Receiver r = receiver;
        if (r == null) {
            inbound.offer(datagram);
            return;
        }
        try {
            r.onDatagram(datagram);
        } catch (RuntimeException e) {
            LOG.warn("the link's receiver failed on a datagram of {} bytes (dropped): {}", datagram.length, e.toString());
        }
    }

    @Override
    public void deliverTo(DatagramLink.Receiver r) {
        synchronized (this) {
            if (receiver != null) {
                throw new IllegalStateException("the link already delivers to a receiver");
            }
            receiver = java.util.Objects.requireNonNull(r, "receiver");
        }
        byte[] queued;
        while ((queued = inbound.poll()) != null) {
            deliver(queued);
        }
    }

    private void onPong(ByteBuffer pong, boolean viaRelay) {
        long nonce = pong.getLong(0);
        long sent = pong.getLong(8);
        LinkPath p = path;
        if (p == null || p.type().isDirect() == viaRelay) {
            return;
        }
        if (viaRelay || consent.answered(nonce)) {
            rtt.sample(Duration.ofNanos(nanos() - sent));
        }
    }

    /** Every probe interval: consent check and probe on the direct pair; keepalive on the relay. */
    private void tick() {
        LinkPath p = path;
        if (p == null) {
            return;
        }
        if (p.type().isDirect()) {
            if (consent.expired()) {
                onDirectLost("no answer on the direct path for " + consent.sinceConsent().toMillis() + " ms");
            } else {
                ping(p);
            }
        } else if (!config.clock().instant().isBefore(lastRelayPing.plus(config.keepaliveInterval()))) {
            ping(p);
        }
    }

    private void ping(LinkPath p) {
        long nonce = config.random().nextLong();
        boolean viaRelay = p.type() == PathType.RELAY;
        if (viaRelay) {
            lastRelayPing = config.clock().instant();
        } else {
            consent.probeSent(nonce);
        }
        sendOn(LinkFrame.ping(nonce, nanos()).encode(), viaRelay);
    }

    private void sendOn(byte[] frame, boolean viaRelay) {
        if (viaRelay) {
            RelayClient client = relayFuture.getNow(null);
            if (client != null) {
                client.send(frame);
            }
            return;
        }
        InetSocketAddress remote = directRemote;
        if (remote == null) {
            return;
        }
        try {
            ice.send(frame, remote);
        } catch (IOException e) {
            onDirectLost("the direct socket failed: " + e.getMessage());
        }
    }

    private long nanos() {
        Instant i = config.clock().instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @Override
    public void send(byte[] datagram) throws IOException {
        send(datagram, 0, datagram.length);
    }

    @Override
    public void send(byte[] data, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, data.length);
        if (length > LARGEST_PAYLOAD) {
            throw new IllegalArgumentException("datagram of " + length + " bytes exceeds " + LARGEST_PAYLOAD);
        }
        LinkPath p = path;
        State st = state;
        if (st == State.CLOSED || st == State.FAILED) {
            throw new LinkClosedException(whyUnusable());
        }
        if (p == null) {
            throw new LinkClosedException("link has no path yet; wait for it to be returned by complete() or link()");
        }
        if (length > maxPayload) {
            LOG.debug("dropped a datagram of {} bytes: the path now carries {}", length, maxPayload);
            return;
        }
        sendOn(LinkFrame.encode(LinkFrame.Type.DATA, data, offset, length), p.type() == PathType.RELAY);
    }

    private synchronized String whyUnusable() {
        if (state == State.CLOSED) {
            return "link is closed";
        }
        return "link failed: " + (directFailure != null ? "direct path: " + directFailure + "; " : "")
                + "relay: " + (relayFailure == null ? "not configured" : relayFailure)
                + ". Open a new link";
    }

    /**
     * {@inheritDoc} Datagrams already queued are still delivered after the link failed; then this
     * throws {@link LinkClosedException} saying why.
     */
    @Override
    public Optional<byte[]> receive(Duration timeout) throws InterruptedException, LinkClosedException {
        synchronized (this) {
            if (state == State.CLOSED || (state == State.FAILED && inbound.isEmpty())) {
                throw new LinkClosedException(whyUnusable());
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
