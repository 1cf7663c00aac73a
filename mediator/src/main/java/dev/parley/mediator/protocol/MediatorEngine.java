package dev.parley.mediator.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.didcomm.message.Attachment;
import dev.parley.didcomm.message.AttachmentData;
import dev.parley.didcomm.message.Message;
import dev.parley.didcomm.problem.DidCommException;
import dev.parley.mediator.limit.Limits;
import dev.parley.mediator.metrics.MediatorMetrics;
import dev.parley.mediator.metrics.RejectReason;
import dev.parley.mediator.store.DuplicateMessageException;
import dev.parley.mediator.store.KeyUpdateResult;
import dev.parley.mediator.store.MediatorStore;
import dev.parley.mediator.store.QueueFullException;
import dev.parley.mediator.store.QueueStatus;
import dev.parley.mediator.store.QueuedMessage;
import dev.parley.mediator.store.ReplayKey;
import dev.parley.mediator.store.Route;
import dev.parley.mediator.store.StoreException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mediator's message handling, independent of HTTP or WebSocket: open the envelope, reject replays,
 * check authorization, run the protocol, seal the reply.
 *
 * <p>Authorization: only an authenticated sender (authcrypt or signed) can request mediation, and only a
 * DID holding a grant can manage its keys, pick up or acknowledge its messages, or shorten URLs; every
 * queue operation is scoped to that DID by the store. Forwards may be anonymous, as routing 2.0 intends.
 *
 * <p>Thread-safe: one engine serves all connections. Blocking calls (waiting for a commit) are made on the
 * caller's thread, which the server runs as a virtual thread. Nothing here logs message content or keys.
 */
public final class MediatorEngine {

    private static final Logger LOG = LoggerFactory.getLogger(MediatorEngine.class);
    private static final int MAX_UPDATES = 100;
    private static final int MAX_QUERY_PAGE = 100;
    private static final int MAX_ACK_IDS = 1_000;
    private static final int MAX_FORWARD_ATTACHMENTS = 8;
    private static final int MAX_FEATURE_QUERIES = 20;
    private static final String ANONYMOUS = "anon";
    private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9_-]{4,64}");
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final EnvelopeCodec codec;
    private final MediatorStore store;
    private final MediatorMetrics metrics;
    private final Clock clock;
    private final SecureRandom random;
    private final Limits limits;
    private final String mediatorDid;
    private final URI publicUrl;
    private final LiveSessions live;
    private final List<ProtocolExtension> extensions;
    private final List<MessageTypes.Disclosure> disclosed;
    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    /**
     * @param mediatorDid the mediator's own DID, the {@code routing_did} of its grants
     * @param publicUrl the base URL clients reach it at; short links are made under it
     */
    public MediatorEngine(EnvelopeCodec codec, MediatorStore store, MediatorMetrics metrics, Clock clock,
            SecureRandom random, Limits limits, String mediatorDid, URI publicUrl) {
        this(codec, store, metrics, clock, random, limits, mediatorDid, publicUrl, List.of());
    }

    /** @param extensions further protocols served to mediated DIDs (e.g. relay allocation), disclosed too */
    public MediatorEngine(EnvelopeCodec codec, MediatorStore store, MediatorMetrics metrics, Clock clock,
            SecureRandom random, Limits limits, String mediatorDid, URI publicUrl,
            List<ProtocolExtension> extensions) {
        this.extensions = List.copyOf(extensions);
        List<MessageTypes.Disclosure> all = new ArrayList<>(MessageTypes.PROTOCOLS);
        this.extensions.forEach(x -> all.add(new MessageTypes.Disclosure(x.piuri(), x.role())));
        this.disclosed = List.copyOf(all);
        this.codec = Objects.requireNonNull(codec, "codec");
        this.store = Objects.requireNonNull(store, "store");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.mediatorDid = Objects.requireNonNull(mediatorDid, "mediatorDid");
        this.publicUrl = Objects.requireNonNull(publicUrl, "publicUrl");
        this.live = new LiveSessions(limits.maxLiveSessions());
        metrics.gauge("parley_mediator_live_sessions", live::size);
        metrics.gauge("parley_mediator_queue_depth", store::totalQueued);
    }

    /** A refusal: counted, answered with a status and a problem-report. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final RejectReason reason;
        final int status;
        final String code;

        Refusal(RejectReason reason, int status, String code, String comment) {
            super(comment, null, false, false);
            this.reason = reason;
            this.status = status;
            this.code = code;
        }
    }

    /** The context of one inbound message. */
    private record Request(Inbound in, Channel channel, Instant now) {
        Message msg() {
            return in.message();
        }

        Optional<String> sender() {
            return in.authenticatedSender();
        }

        boolean wantsReply() {
            if (channel.live().isPresent()) {
                return true; // a WebSocket carries replies back; the client chose a duplex transport
            }
            return msg().extraHeader("return_route").map(JsonNode::asText)
                    .filter(v -> v.equals("all") || v.equals("thread")).isPresent();
        }
    }

    /**
     * Handles one inbound envelope: {@link #open}, {@link #begin} and {@link Pending#outcome()} in one go.
     *
     * @param envelope the body as received; its size was already bounded by the transport
     */
    public Outcome handle(byte[] envelope, Channel channel) {
        return begin(open(envelope, channel)).outcome();
    }

    /**
     * The first half of handling a message: decrypts and parses it. This is most of a forward's CPU and
     * touches no state, so a transport may open several messages of one connection at once.
     *
     * @param envelope the body as received; its size was already bounded by the transport
     */
    public Opened open(byte[] envelope, Channel channel) {
        long start = System.nanoTime();
        try {
            Inbound in = codec.open(envelope);
            return new Opened(new Request(in, channel, clock.instant()), null, start);
        } catch (DidCommException e) {
            String code = e.problemCode().toString();
            RejectReason reason = code.contains("trust") ? RejectReason.CRYPTO
                    : code.contains("req.time") ? RejectReason.EXPIRED : RejectReason.MALFORMED;
            metrics.rejected(reason);
            return new Opened(null, plainProblem(400, code, e.getMessage(), null), start);
        }
    }

    /**
     * The second half: acts on an opened message. A forward is checked, routed and its store writes queued,
     * and this returns without waiting for their commit ({@link Pending#outcome()} waits); every other message
     * is handled here completely. A transport that opens several messages of one connection at once calls
     * this in their arrival order, so the store queues one connection's forwards in that order, and lets a
     * message that is not a forward begin only once everything before it has its outcome, so it sees their
     * effects as it would one at a time.
     */
    public Pending begin(Opened opened) {
        if (opened.early != null) {
            Outcome early = opened.early;
            return new Pending(null, () -> early, opened.startNanos);
        }
        Finish finish;
        try {
            finish = dispatch(opened.request);
        } catch (Refusal r) {
            finish = () -> {
                throw r;
            };
        }
        return new Pending(opened.request, finish, opened.startNanos);
    }

    /** A message {@link #open opened} and not yet acted on. Immutable. */
    public static final class Opened {
        private final Request request; // null when it could not be opened
        private final Outcome early; // the answer when it could not be opened
        private final long startNanos;

        private Opened(Request request, Outcome early, long startNanos) {
            this.request = request;
            this.early = early;
            this.startNanos = startNanos;
        }

        /** Whether it is a forward: {@link #begin} only queues its writes, so forwards may overlap. */
        public boolean isForward() {
            return request != null && request.msg().type().equals(MessageTypes.FORWARD);
        }
    }

    /** What is left of a message once {@link #begin} returned: waiting for its commit, if any. */
    @FunctionalInterface
    private interface Finish {
        Outcome get() throws Refusal;
    }

    /** A {@link #begin begun} message. Call {@link #outcome()} once, from any thread. */
    public final class Pending {
        private final Request request; // null when the message could not be opened
        private final Finish finish;
        private final long startNanos;

        private Pending(Request request, Finish finish, long startNanos) {
            this.request = request;
            this.finish = finish;
            this.startNanos = startNanos;
        }

        /** Waits until the message's writes are committed (a forward's) and answers it. */
        public Outcome outcome() {
            try {
                return finish.get();
            } catch (Refusal r) {
                metrics.rejected(r.reason);
                return problemFor(request, r);
            } finally {
                metrics.requestLatency(Duration.ofNanos(System.nanoTime() - startNanos));
            }
        }
    }

    /** Forgets a closed connection's live mode. */
    public void connectionClosed(LiveSink sink) {
        live.removeEverywhere(sink);
    }

    /** Housekeeping: drops expired messages and old replay ids. Call periodically. */
    public void expire() throws StoreException {
        Instant now = clock.instant();
        metrics.expired(await(store.purgeExpired(now)));
        await(store.forgetSeenBefore(now.minus(limits.replayWindow())));
    }

    // ------------------------------------------------------------------ dispatch

    private Finish dispatch(Request rq) throws Refusal {
        Message m = rq.msg();
        if (m.expiresTime() != null && !m.expiresTime().isAfter(rq.now())) {
            throw new Refusal(RejectReason.EXPIRED, 400, "e.m.req.time.expired",
                    "the message expired before it arrived; send a fresh one");
        }
        String type = m.type();
        if (type.equals(MessageTypes.FORWARD)) {
            metrics.messageIn("routing/forward");
            return forward(rq);
        }
        Outcome done = handleNow(rq, type);
        return () -> done;
    }

    /** Every message but a forward, handled completely. */
    private Outcome handleNow(Request rq, String type) throws Refusal {
        for (ProtocolExtension x : extensions) {
            if (type.startsWith(x.piuri() + "/") && x.messageNames().contains(type.substring(x.piuri().length() + 1))) {
                return extension(rq, x);
            }
        }
        String label = supportedLabel(type);
        if (label == null) {
            throw new Refusal(RejectReason.UNSUPPORTED_TYPE, 400, "e.m.msg.unsupported-type",
                    "this mediator does not support that message type; ask discover-features what it supports");
        }
        metrics.messageIn(label);
        rememberOrRefuse(rq);
        return switch (type) {
            case MessageTypes.CM2 + "mediate-request" -> mediateRequest(rq, 2);
            case MessageTypes.CM3 + "mediate-request" -> mediateRequest(rq, 3);
            case MessageTypes.CM2 + "keylist-update" -> keylistUpdate(rq, 2);
            case MessageTypes.CM3 + "recipient-update" -> keylistUpdate(rq, 3);
            case MessageTypes.CM2 + "keylist-query" -> keylistQuery(rq, 2);
            case MessageTypes.CM3 + "recipient-query" -> keylistQuery(rq, 3);
            case MessageTypes.PICKUP3 + "status-request" -> statusRequest(rq, 3);
            case MessageTypes.PICKUP4 + "status-request" -> statusRequest(rq, 4);
            case MessageTypes.PICKUP3 + "delivery-request" -> deliveryRequest(rq, 3);
            case MessageTypes.PICKUP4 + "delivery-request" -> deliveryRequest(rq, 4);
            case MessageTypes.PICKUP3 + "messages-received" -> messagesReceived(rq, 3);
            case MessageTypes.PICKUP4 + "messages-received" -> messagesReceived(rq, 4);
            case MessageTypes.PICKUP3 + "live-delivery-change" -> liveDeliveryChange(rq, 3);
            case MessageTypes.PICKUP4 + "live-delivery-change" -> liveDeliveryChange(rq, 4);
            case MessageTypes.TRUST_PING + "ping" -> trustPing(rq);
            case MessageTypes.DISCOVER + "queries" -> discoverFeatures(rq);
            case MessageTypes.SHORTEN + "request-shortened-url" -> requestShortenedUrl(rq);
            case MessageTypes.SHORTEN + "invalidate-shortened-url" -> invalidateShortenedUrl(rq);
            case MessageTypes.PROBLEM_REPORT -> Outcome.accepted();
            default -> throw new IllegalStateException("supportedLabel and dispatch disagree on " + type);
        };
    }

    /** An extension's request: counted, replay-checked, served only to a mediated DID. */
    private Outcome extension(Request rq, ProtocolExtension x) throws Refusal {
        String name = rq.msg().type().substring(x.piuri().length() + 1);
        String[] path = x.piuri().split("/");
        metrics.messageIn(path[path.length - 2] + "-" + path[path.length - 1] + "/" + name); // relay-1.0/allocate
        rememberOrRefuse(rq);
        String sender = requireGranted(rq);
        try {
            ProtocolExtension.Reply r = x.handle(sender, rq.msg(), rq.now());
            return reply(rq, message(r.type(), rq, r.body()));
        } catch (ProtocolExtension.Refused e) {
            throw new Refusal(e.reason(), e.status(), e.code(), e.getMessage());
        }
    }

    /** A short metric label for a supported type, or null when unsupported. */
    private static String supportedLabel(String type) {
        for (String[] p : new String[][] {
            {MessageTypes.CM2, "coordinate-mediation-2/", "mediate-request keylist-update keylist-query"},
            {MessageTypes.CM3, "coordinate-mediation-3/", "mediate-request recipient-update recipient-query"},
            {MessageTypes.PICKUP3, "pickup-3/", "status-request delivery-request messages-received live-delivery-change"},
            {MessageTypes.PICKUP4, "pickup-4/", "status-request delivery-request messages-received live-delivery-change"},
            {MessageTypes.TRUST_PING, "trust-ping/", "ping"},
            {MessageTypes.DISCOVER, "discover-features/", "queries"},
            {MessageTypes.SHORTEN, "shorten-url/", "request-shortened-url invalidate-shortened-url"},
            {"https://didcomm.org/report-problem/2.0/", "report-problem/", "problem-report"}}) {
            if (type.startsWith(p[0])) {
                String name = type.substring(p[0].length());
                return List.of(p[2].split(" ")).contains(name) ? p[1] + name : null;
            }
        }
        return null;
    }

    private void rememberOrRefuse(Request rq) throws Refusal {
        ReplayKey key = new ReplayKey(rq.sender().orElse(ANONYMOUS), rq.msg().id());
        boolean first;
        try {
            first = await(store.firstSeen(key, rq.now()));
        } catch (StoreException e) {
            throw storage(e);
        }
        if (!first) {
            throw new Refusal(RejectReason.REPLAY, 409, "e.m.trust.replay",
                    "a message with this id was already received from this sender; use a new id");
        }
    }

    private String requireGranted(Request rq) throws Refusal {
        String sender = requireAuthenticated(rq);
        try {
            if (!store.isGranted(sender)) {
                throw new Refusal(RejectReason.NOT_AUTHORIZED, 403, "e.p.trust.not-mediated",
                        "this DID holds no mediation grant here; send a mediate-request first");
            }
        } catch (StoreException e) {
            throw storage(e);
        }
        return sender;
    }

    private static String requireAuthenticated(Request rq) throws Refusal {
        return rq.sender().orElseThrow(() -> new Refusal(RejectReason.NOT_AUTHORIZED, 401,
                "e.p.trust.not-authenticated",
                "this message must be authcrypted (or signed) by the DID it acts for"));
    }

    // ------------------------------------------------------------------ routing 2.0

    /** Checks, routes and queues a forward's writes; what it returns waits for their commit. */
    private Finish forward(Request rq) throws Refusal {
        Message m = rq.msg();
        if (!rq.in().encrypted()) {
            // A plaintext forward would show its next hop to every observer; routing 2.0 encrypts it.
            throw new Refusal(RejectReason.MALFORMED, 400, "e.m.msg.forward.not-encrypted",
                    "a forward must be encrypted (anoncrypt) to the mediator");
        }
        String next = text(m.body(), "next");
        if (next == null || next.isBlank() || next.length() > 8192) {
            throw new Refusal(RejectReason.MALFORMED, 400, "e.m.msg.forward.next",
                    "a forward needs body.next naming the recipient DID or key");
        }
        List<Attachment> attachments = m.attachments();
        if (attachments.isEmpty() || attachments.size() > MAX_FORWARD_ATTACHMENTS) {
            throw new Refusal(RejectReason.MALFORMED, 400, "e.m.msg.forward.attachments",
                    "a forward needs 1 to " + MAX_FORWARD_ATTACHMENTS + " attached messages");
        }
        Optional<Route> route;
        try {
            route = store.route(RouteKeys.candidatesFor(next));
        } catch (StoreException e) {
            throw storage(e);
        }
        if (route.isEmpty()) {
            // Documented drop: telling an anonymous sender which keys are registered would leak them.
            metrics.rejected(RejectReason.UNKNOWN_RECIPIENT);
            return Outcome::accepted;
        }
        Instant expires = rq.now().plus(limits.messageTtl());
        if (m.expiresTime() != null && m.expiresTime().isBefore(expires)) {
            expires = m.expiresTime();
        }
        String sender = rq.sender().orElse(ANONYMOUS);
        List<CompletableFuture<QueuedMessage>> pending = new ArrayList<>(attachments.size());
        for (int i = 0; i < attachments.size(); i++) {
            byte[] payload = payloadOf(attachments.get(i));
            String replayId = attachments.size() == 1 ? m.id() : m.id() + "/" + i;
            pending.add(store.enqueue(route.get(), payload, rq.now(), expires,
                    Optional.of(new ReplayKey(sender, replayId))));
        }
        return () -> committed(rq, pending);
    }

    /** Waits for a forward's writes; once all are committed it is accepted and pushed to a live recipient. */
    private Outcome committed(Request rq, List<CompletableFuture<QueuedMessage>> pending) throws Refusal {
        List<QueuedMessage> stored = new ArrayList<>(pending.size());
        for (CompletableFuture<QueuedMessage> f : pending) {
            try {
                stored.add(await(f));
            } catch (DuplicateMessageException e) {
                throw new Refusal(RejectReason.REPLAY, 409, "e.m.trust.replay",
                        "this forward was already received; it is not queued twice");
            } catch (QueueFullException e) {
                throw new Refusal(RejectReason.QUEUE_FULL, 507, "e.m.me.res.storage.queue-full",
                        "the recipient's queue is full; retry later");
            } catch (StoreException e) {
                throw storage(e);
            }
        }
        metrics.commitLatency(Duration.between(rq.now(), clock.instant()));
        for (QueuedMessage q : stored) {
            metrics.forwardQueued();
            pushLive(q);
        }
        return Outcome.accepted();
    }

    private byte[] payloadOf(Attachment a) throws Refusal {
        return switch (a.data()) {
            case AttachmentData.JsonData j -> writeJson(j.json());
            case AttachmentData.Base64Data b -> {
                try {
                    yield b.decode();
                } catch (IllegalArgumentException e) {
                    throw new Refusal(RejectReason.MALFORMED, 400, "e.m.msg.forward.attachments",
                            "a forwarded attachment's base64 does not decode");
                }
            }
            case AttachmentData.LinksData l -> throw new Refusal(RejectReason.MALFORMED, 400,
                    "e.m.msg.forward.attachments", "this mediator forwards inline messages only, not links");
        };
    }

    private void pushLive(QueuedMessage q) {
        List<LiveSessions.Session> sessions = live.sessions(q.route().clientDid());
        if (sessions.isEmpty()) {
            return;
        }
        // One live connection per message is enough; the others see it at their next delivery-request.
        LiveSessions.Session s = sessions.get(0);
        s.pending.add(q);
        if (s.flushing.compareAndSet(false, true)) {
            Thread.ofVirtual().name("mediator-live").start(() -> flush(s, q.route().clientDid()));
        }
    }

    /**
     * Sends a session's pending messages in deliveries of up to the batch limit until none is left. A delivery
     * follows the previous one on the same connection no sooner than {@link LiveSessions#DELIVERY_INTERVAL}:
     * on an idle connection a message leaves at once, under load the messages committing meanwhile share one
     * sealed delivery and one messages-received, which costs three X25519 operations to seal and two to open.
     */
    private void flush(LiveSessions.Session s, String client) {
        while (true) {
            long wait = s.lastDeliveryNanos + LiveSessions.DELIVERY_INTERVAL.toNanos() - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            List<QueuedMessage> batch = new ArrayList<>();
            long bytes = 0;
            for (QueuedMessage m; (m = s.pending.peek()) != null && fitsInDelivery(batch.size(), bytes, m); ) {
                batch.add(s.pending.poll()); // this thread is the only one taking from pending
                bytes += m.payload().length;
            }
            if (!batch.isEmpty()) {
                sendLive(s, client, batch);
            }
            if (!s.pending.isEmpty()) {
                continue;
            }
            s.flushing.set(false);
            // A message added after the emptiness check but before the flag cleared is ours to send.
            if (s.pending.isEmpty() || !s.flushing.compareAndSet(false, true)) {
                return;
            }
        }
    }

    /**
     * Whether {@code next} may join a delivery that already holds {@code count} messages of {@code bytes}: at
     * most {@link Limits#maxDeliveryBatch()} messages, and at most {@link Limits#maxMessageBytes()} of queued
     * payload unless it is the first. Sealed, a delivery is about 1.8 times its payloads (base64 twice), so a
     * client that reads messages of the size it may send (and Parley's client reads 1 MiB) reads every
     * delivery (before this bound, a delivery of 100 forwarded messages of 8 KB was too large for it to read, so
     * it was never acknowledged and its messages stayed queued).
     */
    private boolean fitsInDelivery(int count, long bytes, QueuedMessage next) {
        return count == 0 || (count < limits.maxDeliveryBatch()
                && bytes + next.payload().length <= limits.maxMessageBytes());
    }

    private void sendLive(LiveSessions.Session s, String client, List<QueuedMessage> batch) {
        if (!s.sink().isOpen()) {
            live.removeEverywhere(s.sink());
            return; // the messages stay queued for the next pickup
        }
        try {
            Message delivery = deliveryMessage(s.pickupVersion(), null, null, batch, client);
            byte[] sealed = codec.seal(delivery, client);
            s.lastDeliveryNanos = System.nanoTime();
            if (s.sink().send(sealed)) {
                metrics.messageOut();
                batch.forEach(q -> metrics.liveDelivery());
                if (s.pickupVersion() == 3) {
                    // Pickup 3.0 live mode delivers instead of queueing: no messages-received follows.
                    store.acknowledge(client, batch.stream().map(QueuedMessage::id).toList());
                }
            } else {
                metrics.rejected(RejectReason.SLOW_CLIENT);
            }
        } catch (DidCommException e) {
            LOG.warn("a live delivery could not be sealed for a client ({}); the messages stay queued",
                    e.problemCode());
        }
    }

    // ------------------------------------------------------------------ coordinate-mediation

    private Outcome mediateRequest(Request rq, int version) throws Refusal {
        String sender = requireAuthenticated(rq);
        String prefix = version == 2 ? MessageTypes.CM2 : MessageTypes.CM3;
        if (!RouteKeys.isRegistrable(sender)) {
            return reply(rq, message(prefix + "mediate-deny", rq, nodes.objectNode()));
        }
        try {
            await(store.grant(sender, rq.now()));
        } catch (StoreException e) {
            throw storage(e);
        }
        ObjectNode body = nodes.objectNode();
        if (version == 2) {
            body.put("routing_did", mediatorDid);
        } else {
            body.putArray("routing_did").add(mediatorDid);
        }
        LOG.info("granted mediation to a client");
        return reply(rq, message(prefix + "mediate-grant", rq, body));
    }

    private Outcome keylistUpdate(Request rq, int version) throws Refusal {
        String client = requireGranted(rq);
        JsonNode updates = rq.msg().body().get("updates");
        if (updates == null || !updates.isArray() || updates.isEmpty() || updates.size() > MAX_UPDATES) {
            throw new Refusal(RejectReason.MALFORMED, 400, "e.m.msg.updates",
                    "body.updates must be a list of 1 to " + MAX_UPDATES + " updates");
        }
        ArrayNode updated = nodes.arrayNode();
        try {
            int count = store.recipientCount(client);
            for (JsonNode u : updates) {
                String did = text(u, "recipient_did");
                String action = text(u, "action");
                KeyUpdateResult result;
                if (did == null || !RouteKeys.isRegistrable(did) || action == null
                        || !(action.equals("add") || action.equals("remove"))) {
                    result = KeyUpdateResult.CLIENT_ERROR;
                } else if (action.equals("add")) {
                    if (count >= limits.maxKeysPerClient()) {
                        result = KeyUpdateResult.CLIENT_ERROR;
                    } else {
                        result = await(store.addRecipient(client, did, RouteKeys.aliasesFor(did)));
                        count += result == KeyUpdateResult.SUCCESS ? 1 : 0;
                    }
                } else {
                    result = await(store.removeRecipient(client, did));
                    count -= result == KeyUpdateResult.SUCCESS ? 1 : 0;
                }
                if (result == KeyUpdateResult.CLIENT_ERROR) {
                    metrics.rejected(RejectReason.NOT_AUTHORIZED);
                }
                ObjectNode r = updated.addObject();
                r.put("recipient_did", did == null ? "" : did);
                r.put("action", action == null ? "" : action);
                r.put("result", result.wire());
            }
        } catch (StoreException e) {
            throw storage(e);
        }
        ObjectNode body = nodes.objectNode();
        body.set("updated", updated);
        String type = version == 2 ? MessageTypes.CM2 + "keylist-update-response"
                : MessageTypes.CM3 + "recipient-update-response";
        return reply(rq, message(type, rq, body));
    }

    private Outcome keylistQuery(Request rq, int version) throws Refusal {
        String client = requireGranted(rq);
        int offset = 0;
        int limit = MAX_QUERY_PAGE;
        JsonNode paginate = rq.msg().body().get("paginate");
        if (paginate != null && !paginate.isNull()) {
            if (!paginate.path("limit").canConvertToInt() || !paginate.path("offset").canConvertToInt()
                    || paginate.path("limit").asInt() < 0 || paginate.path("offset").asInt() < 0) {
                throw new Refusal(RejectReason.MALFORMED, 400, "e.m.msg.paginate",
                        "paginate needs non-negative integers limit and offset");
            }
            limit = Math.min(MAX_QUERY_PAGE, paginate.path("limit").asInt());
            offset = paginate.path("offset").asInt();
        }
        ObjectNode body = nodes.objectNode();
        try {
            List<String> page = store.recipients(client, offset, limit);
            int total = store.recipientCount(client);
            ArrayNode keys = body.putArray(version == 2 ? "keys" : "dids");
            page.forEach(d -> keys.addObject().put("recipient_did", d));
            ObjectNode pagination = body.putObject("pagination");
            pagination.put("count", page.size());
            pagination.put("offset", offset);
            pagination.put("remaining", Math.max(0, total - offset - page.size()));
        } catch (StoreException e) {
            throw storage(e);
        }
        String type = version == 2 ? MessageTypes.CM2 + "keylist" : MessageTypes.CM3 + "recipient";
        return reply(rq, message(type, rq, body));
    }

    // ------------------------------------------------------------------ pickup 3.0 / 4.0

    /** The registered recipient a pickup's optional {@code recipient_did} names, if it is the client's. */
    private Optional<String> recipientFilter(Request rq, String client) throws Refusal {
        String wanted = text(rq.msg().body(), "recipient_did");
        if (wanted == null) {
            return Optional.empty();
        }
        try {
            Optional<Route> r = store.route(RouteKeys.candidatesFor(wanted));
            if (r.isEmpty() || !r.get().clientDid().equals(client)) {
                throw new Refusal(RejectReason.NOT_AUTHORIZED, 403, "e.m.trust.not-your-recipient",
                        "recipient_did is not registered by this DID; register it with a keylist-update");
            }
            return Optional.of(r.get().recipientDid());
        } catch (StoreException e) {
            throw storage(e);
        }
    }

    private Outcome statusRequest(Request rq, int version) throws Refusal {
        String client = requireGranted(rq);
        Optional<String> recipient = recipientFilter(rq, client);
        return reply(rq, statusMessage(rq, version, client, recipient));
    }

    private Message statusMessage(Request rq, int version, String client, Optional<String> recipient)
            throws Refusal {
        QueueStatus st;
        try {
            st = store.status(client, recipient);
        } catch (StoreException e) {
            throw storage(e);
        }
        ObjectNode body = nodes.objectNode();
        text(rq.msg().body(), "recipient_did", body);
        body.put("message_count", st.messageCount());
        body.put("total_bytes", st.totalBytes());
        boolean isLive = rq.channel().live().map(s -> live.isLive(client, s)).orElse(false);
        body.put("live_delivery", isLive);
        if (version == 3) {
            st.oldest().ifPresent(o -> body.put("longest_waited_seconds",
                    Math.max(0, Duration.between(o, rq.now()).toSeconds())));
            st.newest().ifPresent(n -> body.put("newest_received_time", n.getEpochSecond()));
            st.oldest().ifPresent(o -> body.put("oldest_received_time", o.getEpochSecond()));
        } else {
            st.newest().ifPresent(n -> body.put("newest_received_time", n.toEpochMilli()));
            st.oldest().ifPresent(o -> body.put("oldest_received_time", o.toEpochMilli()));
        }
        return message((version == 3 ? MessageTypes.PICKUP3 : MessageTypes.PICKUP4) + "status", rq, body);
    }

    private Outcome deliveryRequest(Request rq, int version) throws Refusal {
        String client = requireGranted(rq);
        JsonNode limitNode = rq.msg().body().get(version == 3 ? "limit" : "message_count_limit");
        if (limitNode == null || !limitNode.canConvertToInt() || limitNode.asInt() < 1) {
            throw new Refusal(RejectReason.MALFORMED, 400, "e.m.msg.limit",
                    "delivery-request needs a positive " + (version == 3 ? "limit" : "message_count_limit"));
        }
        int limit = Math.min(limits.maxDeliveryBatch(), limitNode.asInt());
        Optional<String> recipient = recipientFilter(rq, client);
        List<QueuedMessage> batch;
        try {
            batch = store.peek(client, recipient, limit);
        } catch (StoreException e) {
            throw storage(e);
        }
        long bytes = 0;
        for (int i = 0; i < batch.size(); i++) {
            if (!fitsInDelivery(i, bytes, batch.get(i))) {
                batch = batch.subList(0, i); // the rest goes in the next delivery
                break;
            }
            bytes += batch.get(i).payload().length;
        }
        if (batch.isEmpty() && version == 3) {
            return reply(rq, statusMessage(rq, 3, client, recipient));
        }
        return reply(rq, deliveryMessage(version, rq.msg().id(), text(rq.msg().body(), "recipient_did"), batch,
                client));
    }

    private Message deliveryMessage(int version, String thid, String recipientDid, List<QueuedMessage> batch,
            String client) {
        ObjectNode body = nodes.objectNode();
        if (recipientDid != null) {
            body.put("recipient_did", recipientDid);
        }
        List<Attachment> attachments = new ArrayList<>(batch.size());
        for (QueuedMessage q : batch) {
            attachments.add(Attachment.of(q.id(), Outcome.ENCRYPTED,
                    new AttachmentData.Base64Data(B64URL.encodeToString(q.payload()), null, null)));
        }
        return Message.builder(newId(), (version == 3 ? MessageTypes.PICKUP3 : MessageTypes.PICKUP4) + "delivery")
                .from(mediatorDid).to(List.of(client)).thid(thid).createdTime(clock.instant())
                .body(body).attachments(attachments).build();
    }

    private Outcome messagesReceived(Request rq, int version) throws Refusal {
        String client = requireGranted(rq);
        JsonNode ids = rq.msg().body().get("message_id_list");
        if (ids == null || !ids.isArray() || ids.size() > MAX_ACK_IDS) {
            throw new Refusal(RejectReason.MALFORMED, 400, "e.m.msg.message-id-list",
                    "messages-received needs message_id_list, a list of at most " + MAX_ACK_IDS + " ids");
        }
        LinkedHashSet<String> list = new LinkedHashSet<>();
        for (JsonNode id : ids) {
            if (!id.isTextual()) {
                throw new Refusal(RejectReason.MALFORMED, 400, "e.m.msg.message-id-list",
                        "message_id_list must hold strings");
            }
            list.add(id.asText());
        }
        try {
            await(store.acknowledge(client, list));
        } catch (StoreException e) {
            throw storage(e);
        }
        if (version == 4) {
            return Outcome.accepted();
        }
        return reply(rq, statusMessage(rq, 3, client, Optional.empty()));
    }

    private Outcome liveDeliveryChange(Request rq, int version) throws Refusal {
        String client = requireGranted(rq);
        JsonNode flag = rq.msg().body().get("live_delivery");
        if (flag == null || !flag.isBoolean()) {
            throw new Refusal(RejectReason.MALFORMED, 400, "e.m.msg.live-delivery",
                    "live-delivery-change needs a boolean live_delivery");
        }
        Optional<LiveSink> sink = rq.channel().live();
        if (flag.asBoolean()) {
            if (sink.isEmpty()) {
                throw new Refusal(RejectReason.BAD_REQUEST, 400, "e.m.live-mode-not-supported",
                        "Connection does not support Live Delivery");
            }
            if (!live.add(client, sink.get(), version)) {
                throw new Refusal(RejectReason.OVERLOADED, 503, "e.m.me.res.live-sessions",
                        "the mediator holds its maximum of live sessions; poll instead");
            }
        } else {
            sink.ifPresent(s -> live.remove(client, s));
        }
        return reply(rq, statusMessage(rq, version, client, Optional.empty()));
    }

    // ------------------------------------------------------------------ trust-ping, discover-features

    private Outcome trustPing(Request rq) throws Refusal {
        JsonNode requested = rq.msg().body().get("response_requested");
        if (requested != null && requested.isBoolean() && !requested.asBoolean()) {
            return Outcome.accepted();
        }
        return reply(rq, message(MessageTypes.TRUST_PING + "ping-response", rq, nodes.objectNode()));
    }

    private Outcome discoverFeatures(Request rq) throws Refusal {
        JsonNode queries = rq.msg().body().get("queries");
        if (queries == null || !queries.isArray() || queries.size() > MAX_FEATURE_QUERIES) {
            throw new Refusal(RejectReason.MALFORMED, 400, "e.m.msg.queries",
                    "queries must be a list of at most " + MAX_FEATURE_QUERIES + " queries");
        }
        ObjectNode body = nodes.objectNode();
        ArrayNode disclosures = body.putArray("disclosures");
        for (JsonNode q : queries) {
            if (!"protocol".equals(text(q, "feature-type"))) {
                continue;
            }
            String match = text(q, "match");
            if (match == null || match.length() > 256) {
                continue;
            }
            Pattern p = Pattern.compile(Pattern.quote(match).replace("*", "\\E.*\\Q"));
            for (MessageTypes.Disclosure d : disclosed) {
                if (p.matcher(d.protocol()).matches()) {
                    ObjectNode o = disclosures.addObject();
                    o.put("feature-type", "protocol");
                    o.put("id", d.protocol());
                    o.putArray("roles").add(d.role());
                }
            }
        }
        return reply(rq, message(MessageTypes.DISCOVER + "disclose", rq, body));
    }

    // ------------------------------------------------------------------ shorten-url 1.0

    private Outcome requestShortenedUrl(Request rq) throws Refusal {
        String owner = requireGranted(rq);
        JsonNode body = rq.msg().body();
        String url = text(body, "url");
        String goal = text(body, "goal_code");
        JsonNode validity = body.get("requested_validity_seconds");
        URI uri;
        try {
            uri = url == null || url.length() > 16_384 ? null : new URI(url);
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null) {
            throw new Refusal(RejectReason.MALFORMED, 400, "e.p.msg.invalid-url", "the url to shorten is not valid");
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new Refusal(RejectReason.MALFORMED, 400, "e.p.msg.invalid-protocol-scheme",
                    "only http and https URLs can be shortened");
        }
        if (goal == null || !List.of("shorten", "shorten.oobv1", "shorten.oobv2").contains(goal)) {
            throw new Refusal(RejectReason.MALFORMED, 400, "e.p.msg.invalid-goal-code",
                    "goal_code must be shorten, shorten.oobv1 or shorten.oobv2");
        }
        if (goal.startsWith("shorten.oob") && uri.getRawQuery() == null) {
            throw new Refusal(RejectReason.MALFORMED, 400, "e.p.msg.invalid-url",
                    "an out-of-band URL must carry its invitation in the query (_oob or oob)");
        }
        String slugWanted = text(body, "short_url_slug");
        if (slugWanted != null && !slugWanted.isEmpty()) {
            throw new Refusal(RejectReason.BAD_REQUEST, 400, "e.p.msg.slugs-not-supported",
                    "this mediator chooses short link slugs itself; leave short_url_slug empty");
        }
        long seconds = validity == null || !validity.canConvertToLong() ? -1 : validity.asLong();
        if (seconds < 0) {
            throw new Refusal(RejectReason.MALFORMED, 400, "e.p.msg.requested-validity-seconds",
                    "requested_validity_seconds must be a non-negative integer");
        }
        if (seconds == 0 || seconds > limits.shortLinkMaxValidity().toSeconds()) {
            throw new Refusal(RejectReason.BAD_REQUEST, 400, "e.p.msg.validity-too-long",
                    "short links live at most " + limits.shortLinkMaxValidity().toSeconds() + " seconds here");
        }
        Instant expires = rq.now().plusSeconds(seconds);
        byte[] b = new byte[12];
        random.nextBytes(b);
        String slug = B64URL.encodeToString(b);
        try {
            await(store.putShortLink(new dev.parley.mediator.store.ShortLink(slug, owner, url, goal, rq.now(),
                    Optional.of(expires))));
        } catch (StoreException e) {
            throw storage(e);
        }
        ObjectNode out = nodes.objectNode();
        out.put("shortened_url", shortUrl(slug));
        out.put("expires_time", expires.getEpochSecond());
        return reply(rq, message(MessageTypes.SHORTEN + "shortened-url", rq, out));
    }

    /** The public URL of a short link. */
    public String shortUrl(String slug) {
        String base = publicUrl.toString();
        return (base.endsWith("/") ? base : base + "/") + "s/" + slug;
    }

    private Outcome invalidateShortenedUrl(Request rq) throws Refusal {
        String owner = requireGranted(rq);
        String url = text(rq.msg().body(), "shortened_url");
        String slug = url == null ? "" : url.substring(url.lastIndexOf('/') + 1);
        boolean removed;
        try {
            removed = SLUG.matcher(slug).matches() && await(store.invalidateShortLink(owner, slug));
        } catch (StoreException e) {
            throw storage(e);
        }
        if (!removed) {
            throw new Refusal(RejectReason.BAD_REQUEST, 400, "e.p.msg.short-url-invalid",
                    "that short link does not exist, expired, or is not yours");
        }
        Message ack = Message.builder(newId(), MessageTypes.EMPTY).from(mediatorDid).to(List.of(owner))
                .thid(rq.msg().threadId()).header("ack", nodes.arrayNode().add(rq.msg().id())).build();
        return reply(rq, ack);
    }

    // ------------------------------------------------------------------ replies

    private Message message(String type, Request rq, ObjectNode body) {
        Message.Builder b = Message.builder(newId(), type).from(mediatorDid).thid(rq.msg().threadId())
                .createdTime(rq.now()).body(body);
        replyTo(rq).ifPresent(to -> b.to(List.of(to)));
        return b.build();
    }

    /** Who a reply goes to: the authenticated sender, else the claimed {@code from} (trust-ping only). */
    private static Optional<String> replyTo(Request rq) {
        if (rq.sender().isPresent()) {
            return rq.sender();
        }
        return Optional.ofNullable(rq.msg().from()).filter(RouteKeys::isRegistrable);
    }

    private Outcome reply(Request rq, Message reply) throws Refusal {
        Optional<String> to = replyTo(rq);
        if (!rq.wantsReply() || to.isEmpty()) {
            return Outcome.accepted();
        }
        try {
            byte[] sealed = codec.seal(reply, to.get());
            metrics.messageOut();
            return Outcome.reply(200, sealed, Outcome.ENCRYPTED);
        } catch (DidCommException e) {
            throw new Refusal(RejectReason.CRYPTO, 400, "e.p.did.unusable",
                    "the reply could not be encrypted to the sender's DID; check its keyAgreement keys");
        }
    }

    private Outcome problemFor(Request rq, Refusal r) {
        Optional<String> to = replyTo(rq);
        if (to.isPresent() && rq.sender().isPresent() && rq.wantsReply()) {
            String type = r.code.equals("e.m.live-mode-not-supported") && rq.msg().type().startsWith(MessageTypes.PICKUP4)
                    ? MessageTypes.PICKUP4 + "problem-report" : MessageTypes.PROBLEM_REPORT;
            Message report = problemMessage(type, r.code, r.getMessage(), rq.msg());
            try {
                return Outcome.reply(r.status, codec.seal(report.toBuilder().to(List.of(to.get())).build(), to.get()),
                        Outcome.ENCRYPTED);
            } catch (DidCommException e) {
                LOG.debug("problem-report could not be sealed: {}", e.problemCode());
            }
        }
        return plainProblem(r.status, r.code, r.getMessage(), rq.msg());
    }

    private Message problemMessage(String type, String code, String comment, Message cause) {
        ObjectNode body = nodes.objectNode();
        body.put("code", code);
        body.put("comment", comment);
        Message.Builder b = Message.builder(newId(), type).from(mediatorDid).body(body);
        if (cause != null) {
            b.pthid(cause.threadId()).header("ack", nodes.arrayNode().add(cause.id()));
        }
        return b.build();
    }

    /** A plaintext problem-report, for failures before the sender is known: it carries no secret. */
    private Outcome plainProblem(int status, String code, String comment, Message cause) {
        Message m = problemMessage(MessageTypes.PROBLEM_REPORT, code, comment, cause);
        ObjectNode o = nodes.objectNode();
        o.put("id", m.id());
        o.put("typ", Message.PLAINTEXT_MEDIA_TYPE);
        o.put("type", m.type());
        o.put("from", mediatorDid);
        if (m.pthid() != null) {
            o.put("pthid", m.pthid());
        }
        m.extraHeader("ack").ifPresent(a -> o.set("ack", a));
        o.set("body", m.body());
        return Outcome.reply(status, writeJson(o), Outcome.PLAIN);
    }

    // ------------------------------------------------------------------ helpers

    private Refusal storage(StoreException e) {
        boolean overloaded = e.getMessage() != null && e.getMessage().contains("overloaded");
        LOG.warn("storage refused a write: {}", e.getMessage());
        return new Refusal(overloaded ? RejectReason.OVERLOADED : RejectReason.STORAGE, 503,
                "e.p.me.res.storage", "the mediator could not store this; nothing was kept, retry later");
    }

    private static <T> T await(CompletableFuture<T> f) throws StoreException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the database", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("the database failed: " + e.getCause(), e.getCause());
        }
    }

    private byte[] writeJson(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static String text(JsonNode obj, String field) {
        JsonNode v = obj == null ? null : obj.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static void text(JsonNode from, String field, ObjectNode into) {
        String v = text(from, field);
        if (v != null) {
            into.put(field, v);
        }
    }

    private String newId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
