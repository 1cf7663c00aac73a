package dev.parley.mediator.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.didcomm.message.Message;
import dev.parley.mediator.limit.RateLimiter;
import dev.parley.mediator.metrics.MediatorMetrics;
import dev.parley.mediator.metrics.RejectReason;
import dev.parley.mediator.protocol.ProtocolExtension;
import dev.parley.nat.relay.RelayTokenIssuer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Parley's relay/1.0 protocol at the mediator (docs/protocol/session.md, "Relay allocation"):
 * <ul>
 *   <li>{@code allocate} {@code {peer_did, ttl_seconds?}} answers {@code allocation} with the relay's WebSocket URL,
 *   two tokens joining the sender and the named peer (one for each; the sender hands the peer its half inside the
 *   end-to-end encrypted session handshake), their expiry, and the mediator's STUN servers;</li>
 *   <li>{@code nat-config-request} answers {@code nat-config}: the STUN servers and the relay URL, for a party that
 *   does not allocate (the responder of a session).</li>
 * </ul>
 * The engine serves these only to authenticated DIDs holding a mediation grant. Per DID, requests are rate limited
 * and at most {@link RelayAllocationLimits#maxLivePerDid()} unexpired allocations are held. Tokens are never logged.
 * Thread-safe.
 */
public final class RelayAllocations implements ProtocolExtension {
    public static final String PIURI = "https://parley.dev/protocols/relay/1.0";
    public static final String ALLOCATE = PIURI + "/allocate";
    public static final String ALLOCATION = PIURI + "/allocation";
    public static final String NAT_CONFIG_REQUEST = PIURI + "/nat-config-request";
    public static final String NAT_CONFIG = PIURI + "/nat-config";
    /** Longest peer DID accepted; a did:peer:2 with a service is a few hundred characters. */
    static final int MAX_DID_LENGTH = 4096;
    private static final Pattern DID = Pattern.compile("did:[a-z0-9]+:[A-Za-z0-9._:%=+-]+");

    private final RelayTokenIssuer issuer;
    private final URI relayUrl;
    private final List<String> stun;
    private final RelayAllocationLimits limits;
    private final RateLimiter rate;
    private final Map<String, ArrayDeque<Instant>> live;
    private final AtomicLong issued = new AtomicLong();
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    /**
     * @param relayUrl the relay's public WebSocket URL ({@code ws(s)://.../relay})
     * @param stun     the STUN servers to advertise, {@code host:port} each (empty when the mediator runs none)
     * @param metrics  where the count of issued allocations is exported
     */
    public RelayAllocations(RelayTokenIssuer issuer, URI relayUrl, List<String> stun, RelayAllocationLimits limits,
                            Clock clock, MediatorMetrics metrics) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.relayUrl = Objects.requireNonNull(relayUrl, "relayUrl");
        this.stun = List.copyOf(stun);
        this.limits = Objects.requireNonNull(limits, "limits");
        this.rate = new RateLimiter(Objects.requireNonNull(clock, "clock"), limits.perSecond(), limits.burst(),
                limits.maxTrackedDids());
        this.live = new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<Instant>> e) {
                return size() > limits.maxTrackedDids();
            }
        };
        metrics.gauge("parley_mediator_relay_allocations_issued_total", issued::get);
    }

    @Override
    public String piuri() {
        return PIURI;
    }

    @Override
    public String role() {
        return "relay";
    }

    @Override
    public Set<String> messageNames() {
        return Set.of("allocate", "nat-config-request");
    }

    /** Allocations issued since start. */
    public long issuedCount() {
        return issued.get();
    }

    /** The STUN servers advertised, {@code host:port} each. */
    public List<String> stunServers() {
        return stun;
    }

    @Override
    public Reply handle(String sender, Message message, Instant now) throws Refused {
        return switch (message.type()) {
            case ALLOCATE -> allocate(sender, message.body(), now);
            case NAT_CONFIG_REQUEST -> new Reply(NAT_CONFIG, natConfig(nodes.objectNode()));
            default -> throw new Refused(RejectReason.UNSUPPORTED_TYPE, 400, "e.m.msg.unsupported-type",
                    "relay/1.0 has no message " + message.type());
        };
    }

    private Reply allocate(String sender, JsonNode body, Instant now) throws Refused {
        String peer = body.path("peer_did").isTextual() ? body.path("peer_did").asText() : null;
        if (peer == null || peer.length() > MAX_DID_LENGTH || !DID.matcher(peer).matches()) {
            throw new Refused(RejectReason.MALFORMED, 400, "e.p.msg.relay.peer-did",
                    "allocate needs body.peer_did, the DID of the party to relay to (at most " + MAX_DID_LENGTH
                            + " characters)");
        }
        if (peer.equals(sender)) {
            throw new Refused(RejectReason.BAD_REQUEST, 400, "e.p.msg.relay.peer-did",
                    "a relay allocation joins two different parties; peer_did is the sender itself");
        }
        Duration ttl = ttl(body.get("ttl_seconds"));
        if (!rate.tryAcquire(sender)) {
            throw new Refused(RejectReason.RATE_LIMITED, 429, "e.p.relay.rate-limited",
                    "too many relay allocation requests from this DID; retry in a few seconds");
        }
        synchronized (live) {
            ArrayDeque<Instant> mine = live.computeIfAbsent(sender, d -> new ArrayDeque<>());
            mine.removeIf(expiry -> !now.isBefore(expiry));
            if (mine.size() >= limits.maxLivePerDid()) {
                throw new Refused(RejectReason.RATE_LIMITED, 403, "e.p.relay.too-many-allocations",
                        "this DID holds " + mine.size() + " unexpired relay allocations, the most allowed; reuse one"
                                + " or wait until the oldest expires at " + mine.stream().min(Instant::compareTo).orElseThrow());
            }
            RelayTokenIssuer.RelayAllocation a = issuer.allocate(RelayPeerIds.of(sender), RelayPeerIds.of(peer), ttl);
            mine.add(a.first().expiresAt());
            issued.incrementAndGet();
            ObjectNode out = nodes.objectNode();
            out.put("peer_did", peer);
            out.put("token", a.first().toBase64());
            out.put("peer_token", a.second().toBase64());
            out.put("expires_time", a.first().expiresAt().getEpochSecond());
            return new Reply(ALLOCATION, natConfig(out));
        }
    }

    private Duration ttl(JsonNode requested) throws Refused {
        if (requested == null || requested.isNull()) {
            return limits.defaultTtl();
        }
        long max = limits.maxTtl().toSeconds();
        long min = RelayAllocationLimits.MIN_TTL.toSeconds();
        if (!requested.canConvertToLong() || !requested.isIntegralNumber() || requested.asLong() < min
                || requested.asLong() > max) {
            throw new Refused(RejectReason.MALFORMED, 400, "e.p.msg.relay.ttl",
                    "ttl_seconds must be a whole number from " + min + " to " + max);
        }
        return Duration.ofSeconds(requested.asLong());
    }

    private ObjectNode natConfig(ObjectNode into) {
        into.put("relay_url", relayUrl.toString());
        ArrayNode servers = into.putArray("stun");
        stun.forEach(servers::add);
        return into;
    }
}
