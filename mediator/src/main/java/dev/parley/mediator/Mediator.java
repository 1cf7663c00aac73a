package dev.parley.mediator;

import dev.parley.didcomm.did.CachingDidResolver;
import dev.parley.didcomm.did.DidCoreResolver;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.oob.Invitation;
import dev.parley.didcomm.oob.OobLinks;
import dev.parley.mediator.identity.DidCommEnvelopeCodec;
import dev.parley.mediator.identity.IdentityException;
import dev.parley.mediator.identity.MediatorIdentity;
import dev.parley.mediator.identity.RelaySecretFile;
import dev.parley.nat.relay.RelayLimits;
import dev.parley.nat.relay.RelayServerCore;
import dev.parley.nat.relay.RelayTokenIssuer;
import dev.parley.nat.relay.websocket.RelayProtocol;
import dev.parley.nat.stun.StunServer;
import dev.parley.nat.stun.StunServerConfig;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import dev.parley.mediator.limit.RateLimiter;
import dev.parley.mediator.metrics.MediatorMetrics;
import dev.parley.mediator.protocol.MediatorEngine;
import dev.parley.mediator.relay.RelayAllocationLimits;
import dev.parley.mediator.relay.RelayAllocations;
import dev.parley.mediator.relay.StunAdvertisement;
import dev.parley.mediator.store.QueueQuota;
import dev.parley.mediator.store.StoreException;
import dev.parley.mediator.store.sqlite.SqliteMediatorStore;
import dev.parley.mediator.transport.MediatorHttpServer;
import dev.parley.mediator.transport.ShortLinkPage;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running mediator: identity, store, engine and HTTP/WebSocket server, wired together. Start with
 * {@link #start(MediatorConfig)}, stop with {@link #close()}. Not thread-safe itself; everything it starts is.
 */
public final class Mediator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Mediator.class);
    /** Database file name in the data directory. */
    public static final String DATABASE = "mediator.db";
    private static final int MAX_RATE_LIMITED_CLIENTS = 100_000;

    private final MediatorHttpServer server;
    private final SqliteMediatorStore store;
    private final ScheduledExecutorService housekeeping;
    private final MediatorIdentity identity;
    private final MediatorMetrics metrics;
    private final URI httpUrl;
    private final URI wsUrl;
    private final RelayTokenIssuer relayTokens;
    private final Optional<StunServer> stun;
    private final List<String> advertisedStun;

    private Mediator(MediatorHttpServer server, SqliteMediatorStore store, ScheduledExecutorService housekeeping,
            MediatorIdentity identity, MediatorMetrics metrics, URI httpUrl, URI wsUrl, RelayTokenIssuer relayTokens,
            Optional<StunServer> stun, List<String> advertisedStun) {
        this.server = server;
        this.store = store;
        this.housekeeping = housekeeping;
        this.identity = identity;
        this.metrics = metrics;
        this.httpUrl = httpUrl;
        this.wsUrl = wsUrl;
        this.relayTokens = relayTokens;
        this.stun = stun;
        this.advertisedStun = advertisedStun;
    }

    /** Opens storage, loads or creates the identity, binds the port and starts serving. */
    public static Mediator start(MediatorConfig config) throws MediatorStartException {
        MediatorHttpServer server = new MediatorHttpServer(config.bind(), config.limits(), config.proxyMode());
        SqliteMediatorStore store = null;
        StunServer stun = null;
        boolean ok = false;
        try {
            Files.createDirectories(config.dataDir());
            server.open();
            URI httpUrl = config.publicUrl().orElseGet(() ->
                    URI.create("http://" + hostForUrl(server.host()) + ":" + server.port()));
            URI wsUrl = webSocketUrl(httpUrl);
            MediatorIdentity identity = MediatorIdentity.loadOrCreate(config.dataDir(), httpUrl, wsUrl,
                    config.random(), config.clock());
            MediatorMetrics metrics = new MediatorMetrics();
            store = SqliteMediatorStore.open(config.dataDir().resolve(DATABASE),
                    new QueueQuota(config.limits().maxQueuedMessagesPerClient(),
                            config.limits().maxQueuedBytesPerClient()), config.random(), metrics::storeCommitted);
            CachingDidResolver resolver = new CachingDidResolver(DidCoreResolver.withInstalledMethods(),
                    config.clock(), 10_000, Duration.ofMinutes(10));
            JsonLimits json = JsonLimits.DEFAULT.withMaxDocumentBytes(config.limits().maxMessageBytes());
            DidCommEnvelopeCodec codec = new DidCommEnvelopeCodec(identity, resolver, config.clock(), config.random(),
                    json);
            RelayTokenIssuer relayTokens = new RelayTokenIssuer(RelaySecretFile.loadOrCreate(config.dataDir(),
                    config.random()), config.clock(), config.random());
            List<String> advertisedStun = List.of();
            if (config.stun().isPresent()) {
                StunPorts p = config.stun().get();
                stun = StunServer.start(StunServerConfig.of(p.bind(), p.primary(), p.secondary()));
                advertisedStun = List.of(StunAdvertisement.address(p.advertised(), config.publicUrl(), p.bind(),
                        stun.primaryAddress().getPort(), httpUrl));
            }
            RelayAllocations allocations = new RelayAllocations(relayTokens, relayUrl(wsUrl), advertisedStun,
                    RelayAllocationLimits.defaults(), config.clock(), metrics);
            MediatorEngine engine = new MediatorEngine(codec, store, metrics, config.clock(), config.random(),
                    config.limits(), identity.did(), httpUrl, List.of(allocations));
            RateLimiter rateLimiter = new RateLimiter(config.clock(), config.limits().requestsPerSecondPerClient(),
                    config.limits().requestBurstPerClient(), MAX_RATE_LIMITED_CLIENTS);
            SqliteMediatorStore s = store;
            RelayServerCore relay = new RelayServerCore(relayTokens, RelayLimits.defaults(), config.clock());
            metrics.gauge("parley_mediator_relay_allocations", relay::allocationCount);
            server.start(engine, metrics, rateLimiter, new ShortLinkPage(store, config.clock()), () -> healthy(s),
                    relay, invitationUrl(identity.did(), httpUrl));
            ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("mediator-housekeeping").daemon().factory());
            long every = config.housekeepingInterval().toMillis();
            housekeeping.scheduleWithFixedDelay(() -> {
                relay.sweep();
                try {
                    engine.expire();
                } catch (StoreException e) {
                    LOG.warn("housekeeping failed, will retry: {}", e.getMessage());
                }
            }, every, every, TimeUnit.MILLISECONDS);
            Mediator started = new Mediator(server, store, housekeeping, identity, metrics, httpUrl, wsUrl,
                    relayTokens, Optional.ofNullable(stun), advertisedStun);
            ok = true;
            return started;
        } catch (IOException e) {
            throw new MediatorStartException("cannot listen on " + config.bind() + " or create " + config.dataDir()
                    + ": " + e.getMessage() + " (is the port in use? pass another --port)", e);
        } catch (StoreException | IdentityException e) {
            throw new MediatorStartException(e.getMessage(), e);
        } catch (Exception e) {
            throw new MediatorStartException("the mediator failed to start: " + e.getMessage(), e);
        } finally {
            if (!ok) { // release the port, the database writer thread and the STUN sockets
                closeAfterFailure(server, store, stun);
            }
        }
    }

    private static boolean healthy(SqliteMediatorStore store) {
        try {
            store.isGranted("did:example:health");
            return true;
        } catch (StoreException e) {
            return false;
        }
    }

    private static void closeAfterFailure(MediatorHttpServer server, SqliteMediatorStore store, StunServer stun) {
        if (stun != null) {
            stun.close();
        }
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("after a failed start the HTTP server did not close: {}", e.getMessage());
        }
        if (store != null) {
            try {
                store.close();
            } catch (StoreException e) {
                LOG.warn("after a failed start the database did not close: {}", e.getMessage());
            }
        }
    }


    private static String hostForUrl(String host) {
        if (host.equals("0.0.0.0") || host.equals("::")) {
            return "localhost";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    static URI webSocketUrl(URI http) {
        String scheme = "https".equals(http.getScheme()) ? "wss" : "ws";
        String path = http.getRawPath() == null || http.getRawPath().isEmpty() ? "" : http.getRawPath();
        path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return URI.create(scheme + "://" + http.getRawAuthority() + path + "/ws");
    }

    /** The mediator's DID. */
    public String did() {
        return identity.did();
    }

    /** The URL DIDComm messages are POSTed to. */
    public URI httpUrl() {
        return httpUrl;
    }

    /** The WebSocket URL. */
    public URI wsUrl() {
        return wsUrl;
    }

    /** The relay's WebSocket URL ({@code ws(s)://.../relay}); parties attach with tokens from {@link #relayTokens()}. */
    public URI relayUrl() {
        return relayUrl(wsUrl);
    }

    private static URI relayUrl(URI wsUrl) {
        String ws = wsUrl.toString();
        return URI.create(ws.substring(0, ws.length() - "/ws".length()) + RelayProtocol.PATH);
    }

    /** The STUN servers clients are told about ({@code host:port}; empty without STUN): see {@link StunAdvertisement}. */
    public List<String> advertisedStun() {
        return advertisedStun;
    }

    /** Issues relay allocations (two tokens joining two parties) signed with this mediator's relay secret. */
    public RelayTokenIssuer relayTokens() {
        return relayTokens;
    }

    /** The embedded STUN server's primary and secondary UDP addresses, when one runs. */
    public Optional<List<InetSocketAddress>> stunAddresses() {
        return stun.map(s -> List.of(s.primaryAddress(), s.secondaryAddress()));
    }

    /** The bound port. */
    public int port() {
        return server.port();
    }

    public MediatorMetrics metrics() {
        return metrics;
    }

    /**
     * An out-of-band 2.0 invitation to request mediation from this mediator ({@code goal_code}
     * {@code request-mediate}), as a link on the mediator's URL. Its id is derived from the DID, so the
     * link is the same at every start until the DID changes.
     */
    public String invitationUrl() {
        return invitationUrl(did(), httpUrl);
    }

    static String invitationUrl(String did, URI httpUrl) {
        String id;
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(did.getBytes(StandardCharsets.UTF_8));
            id = HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
        Invitation inv = new Invitation(id, did, "request-mediate", "Request mediation from this Parley mediator",
                List.of("didcomm/v2"), List.of());
        return new OobLinks().toUrl(inv, httpUrl);
    }

    /**
     * Stops serving, finishes queued writes and closes the database.
     *
     * @throws MediatorStopException when the server or the database did not close cleanly; every
     *     acknowledged message was committed before, so nothing is lost
     */
    @Override
    public void close() throws MediatorStopException {
        housekeeping.shutdownNow();
        stun.ifPresent(StunServer::close);
        MediatorStopException failure = null;
        try {
            server.close();
        } catch (IOException e) {
            failure = new MediatorStopException(e.getMessage(), e);
        }
        try {
            store.close();
        } catch (StoreException e) {
            if (failure == null) {
                failure = new MediatorStopException(e.getMessage(), e);
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
