package dev.parley.didcomm.mediator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.parley.didcomm.did.DidCommService;
import dev.parley.didcomm.did.DidResolutionException;
import dev.parley.didcomm.did.DidResolver;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.envelope.DidCommPacker;
import dev.parley.didcomm.envelope.DidCommUnpacker;
import dev.parley.didcomm.envelope.PackOption;
import dev.parley.didcomm.envelope.PackOptions;
import dev.parley.didcomm.envelope.PackedMessage;
import dev.parley.didcomm.envelope.Unpacked;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.message.Attachment;
import dev.parley.didcomm.message.AttachmentData;
import dev.parley.didcomm.message.Message;
import dev.parley.didcomm.problem.DidCommException;
import dev.parley.nat.relay.RelayToken;
import dev.parley.nat.relay.RelayTokenException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A DIDComm mediator client for one local identity: request mediation, manage the keylist, send messages
 * to others through forward (wrapped per the recipient's routing keys), and pick up by polling or live over
 * a WebSocket ({@link #goLive}).
 *
 * <p>Every request is authcrypted to the mediator with {@code return_route: all}; answers must come
 * authcrypted from the mediator's DID. Calls are retried with exponential backoff on connection failures,
 * timeouts, 5xx, 429 and malformed answers; a 4xx problem-report is final ({@link MediatorRefusedException}).
 * A retried forward resends the same envelope, and the mediator's "replay" answer means the first try was
 * stored, so it counts as sent. Picked-up messages are handed to the application before they are
 * acknowledged and de-duplicated by message id, so a retry or a reconnect never delivers one twice.
 *
 * <p>Thread-safe. Blocking: call from worker or virtual threads.
 */
public final class MediatorClient implements AutoCloseable {

    static final MediaType ENCRYPTED = MediaType.get("application/didcomm-encrypted+json");
    static final String CM2 = "https://didcomm.org/coordinate-mediation/2.0/";
    static final String PICKUP4 = "https://didcomm.org/message-pickup/4.0/";
    static final String PROBLEM = "problem-report";
    /** Parley's relay allocation protocol (docs/protocol/session.md). */
    static final String RELAY = "https://parley.dev/protocols/relay/1.0/";
    static final String SHORTEN = "https://didcomm.org/shorten-url/1.0/";
    private static final int MAX_ERROR_BODY = 4096;

    /** Waits between retries; injected so tests run without real waiting. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final URI endpoint;
    private final String mediatorDid;
    private final LocalIdentity self;
    private final DidResolver resolver;
    private final DidCommPacker packer;
    private final DidCommUnpacker unpacker;
    private final OkHttpClient http;
    private final RetryPolicy retry;
    private final SecureRandom random;
    private final Sleeper sleeper;
    private final SeenIds seen;
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    /**
     * @param endpoint the mediator's HTTP endpoint (its DIDCommMessaging service URI)
     * @param mediatorDid the mediator's DID, to which requests are encrypted
     * @param self the client's identity and private keys
     * @param timeout per-attempt timeout of one HTTP call
     */
    public MediatorClient(URI endpoint, String mediatorDid, LocalIdentity self, DidResolver resolver, Clock clock,
            SecureRandom random, RetryPolicy retry, Duration timeout, Sleeper sleeper) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.mediatorDid = Objects.requireNonNull(mediatorDid, "mediatorDid");
        this.self = Objects.requireNonNull(self, "self");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.random = Objects.requireNonNull(random, "random");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.packer = new DidCommPacker(resolver, random, JsonLimits.DEFAULT);
        this.unpacker = new DidCommUnpacker(resolver, clock, JsonLimits.DEFAULT);
        this.http = new OkHttpClient.Builder().callTimeout(timeout).connectTimeout(timeout).readTimeout(timeout)
                .retryOnConnectionFailure(false).build();
        this.seen = new SeenIds(100_000);
    }

    /** A client with the default retry policy, 10 s timeouts and real sleeping. */
    public static MediatorClient create(URI endpoint, String mediatorDid, LocalIdentity self, DidResolver resolver) {
        return new MediatorClient(endpoint, mediatorDid, self, resolver, Clock.systemUTC(), new SecureRandom(),
                RetryPolicy.DEFAULT, Duration.ofSeconds(10), d -> Thread.sleep(d.toMillis()));
    }

    /** The identity this client acts for. */
    public String did() {
        return self.did();
    }

    // ------------------------------------------------------------------ coordinate-mediation

    /** Asks for mediation (coordinate-mediation 2.0); fails with {@link MediatorRefusedException} on deny. */
    public MediationGrant requestMediation() throws MediatorClientException {
        Message reply = call(CM2 + "mediate-request", nodes.objectNode());
        if (reply.type().endsWith("/mediate-deny")) {
            throw new MediatorRefusedException("mediate-deny", "the mediator denied mediation to " + self.did(), 0);
        }
        expect(reply, "/mediate-grant");
        JsonNode routing = reply.body().get("routing_did");
        List<String> dids = new ArrayList<>();
        if (routing != null && routing.isTextual()) {
            dids.add(routing.asText());
        } else if (routing != null && routing.isArray()) {
            routing.forEach(r -> dids.add(r.asText()));
        }
        if (dids.isEmpty()) {
            throw new MediatorUnavailableException("the mediate-grant names no routing_did", null);
        }
        return new MediationGrant(dids);
    }

    /** Registers or removes recipient DIDs/keys; returns each with the mediator's result. */
    public List<KeyUpdate> updateKeylist(List<KeyUpdate> updates) throws MediatorClientException {
        ObjectNode body = nodes.objectNode();
        ArrayNode arr = body.putArray("updates");
        for (KeyUpdate u : updates) {
            arr.addObject().put("recipient_did", u.recipientDid())
                    .put("action", u.action() == KeyUpdate.Action.ADD ? "add" : "remove");
        }
        Message reply = expect(call(CM2 + "keylist-update", body), "/keylist-update-response");
        List<KeyUpdate> out = new ArrayList<>();
        for (JsonNode u : reply.body().path("updated")) {
            out.add(new KeyUpdate(u.path("recipient_did").asText(),
                    "remove".equals(u.path("action").asText()) ? KeyUpdate.Action.REMOVE : KeyUpdate.Action.ADD,
                    u.path("result").asText()));
        }
        return out;
    }

    /** All registered recipient DIDs/keys, following pagination. */
    public List<String> queryKeylist() throws MediatorClientException {
        List<String> keys = new ArrayList<>();
        while (true) {
            ObjectNode body = nodes.objectNode();
            body.putObject("paginate").put("limit", 100).put("offset", keys.size());
            Message reply = expect(call(CM2 + "keylist-query", body), "/keylist");
            int before = keys.size();
            reply.body().path("keys").forEach(k -> keys.add(k.path("recipient_did").asText()));
            if (reply.body().path("pagination").path("remaining").asLong(0) == 0 || keys.size() == before) {
                return keys;
            }
        }
    }

    /** What the mediator says of this client: grant, keys and queue. */
    public MediatorStatus status() throws MediatorClientException {
        List<String> keys;
        try {
            keys = queryKeylist();
        } catch (MediatorRefusedException e) {
            if (e.code().equals("e.p.trust.not-mediated")) {
                return new MediatorStatus(false, List.of(), 0, 0);
            }
            throw e;
        }
        Message st = expect(call(PICKUP4 + "status-request", nodes.objectNode()), "/status");
        return new MediatorStatus(true, keys, st.body().path("message_count").asLong(),
                st.body().path("total_bytes").asLong());
    }

    // ------------------------------------------------------------------ relay/1.0

    /**
     * Asks the mediator for a relay allocation joining this party and {@code peerDid}, for the mediator's default
     * lifetime. The answer also carries the mediator's STUN servers. Needs a mediation grant.
     *
     * @throws MediatorRefusedException e.g. {@code e.p.relay.too-many-allocations} or {@code e.p.trust.not-mediated}
     */
    public RelayGrant allocateRelay(String peerDid) throws MediatorClientException {
        return allocate(nodes.objectNode().put("peer_did", Objects.requireNonNull(peerDid, "peerDid")));
    }

    /** As {@link #allocateRelay(String)}, asking for a lifetime of {@code ttl} (whole seconds; the mediator bounds it). */
    public RelayGrant allocateRelay(String peerDid, Duration ttl) throws MediatorClientException {
        return allocate(nodes.objectNode().put("peer_did", Objects.requireNonNull(peerDid, "peerDid"))
                .put("ttl_seconds", ttl.toSeconds()));
    }

    private RelayGrant allocate(ObjectNode body) throws MediatorClientException {
        Message reply = expect(call(RELAY + "allocate", body), "/allocation");
        JsonNode b = reply.body();
        try {
            RelayToken mine = RelayToken.fromBase64(b.path("token").asText(""));
            RelayToken peers = RelayToken.fromBase64(b.path("peer_token").asText(""));
            if (!b.path("expires_time").canConvertToLong()) {
                throw new IllegalArgumentException("expires_time is missing");
            }
            return new RelayGrant(body.path("peer_did").asText(), mine, peers,
                    Instant.ofEpochSecond(b.path("expires_time").asLong()), natConfigOf(b));
        } catch (RelayTokenException | IllegalArgumentException | java.time.DateTimeException e) {
            throw new MediatorUnavailableException("the mediator's relay allocation is malformed: " + e.getMessage(), e);
        }
    }

    /**
     * The mediator's relay URL and STUN servers, without allocating (e.g. for the party that will receive its relay
     * token from its peer). Needs a mediation grant.
     */
    public NatConfig natConfig() throws MediatorClientException {
        Message reply = expect(call(RELAY + "nat-config-request", nodes.objectNode()), "/nat-config");
        try {
            return natConfigOf(reply.body());
        } catch (IllegalArgumentException e) {
            throw new MediatorUnavailableException("the mediator's nat-config is malformed: " + e.getMessage(), e);
        }
    }

    private static NatConfig natConfigOf(JsonNode body) {
        JsonNode stun = body.path("stun");
        if (!stun.isArray() || stun.size() > NatConfig.MAX_STUN) {
            throw new IllegalArgumentException("stun must be a list of at most " + NatConfig.MAX_STUN + " host:port");
        }
        List<String> servers = new ArrayList<>();
        stun.forEach(s -> servers.add(s.asText()));
        return new NatConfig(URI.create(body.path("relay_url").asText("")), servers);
    }

    // ------------------------------------------------------------------ shorten-url 1.0

    /**
     * Asks the mediator for a short link to the out-of-band invitation {@code invitationUrl} (shorten-url 1.0, goal
     * {@code shorten.oobv2}), valid for {@code validity} (whole seconds; the mediator may refuse a long one). Short
     * links read better in a chat; the mediator answers them with the invitation itself. Needs a mediation grant.
     *
     * @throws MediatorRefusedException e.g. {@code e.p.msg.validity-too-long}
     */
    public ShortenedUrl shortenInvitation(String invitationUrl, Duration validity) throws MediatorClientException {
        ObjectNode body = nodes.objectNode().put("url", Objects.requireNonNull(invitationUrl, "invitationUrl"))
                .put("requested_validity_seconds", Math.max(1, validity.toSeconds()))
                .put("goal_code", "shorten.oobv2").put("short_url_slug", "");
        JsonNode b = expect(call(SHORTEN + "request-shortened-url", body), "/shortened-url").body();
        String url = b.path("shortened_url").asText("");
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || url.length() > ShortenedUrl.MAX_LENGTH) {
                throw new URISyntaxException(url, "not a short http(s) URL");
            }
            if (!b.path("expires_time").canConvertToLong()) {
                throw new URISyntaxException(url, "expires_time is missing");
            }
            return new ShortenedUrl(url, Instant.ofEpochSecond(b.path("expires_time").asLong()));
        } catch (URISyntaxException | java.time.DateTimeException e) {
            throw new MediatorUnavailableException("the mediator's shortened-url is malformed: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ sending

    /**
     * Authcrypts {@code message} from this client to each DID in its {@code to}, wraps it in forwards for
     * the recipient's routing keys, and posts it to the recipient's service endpoint (a URL, or a mediator
     * DID whose service gives the URL).
     */
    public void send(Message message) throws MediatorClientException {
        List<PackedMessage> packed;
        try {
            packed = packer.pack(message, PackOptions.authcrypt(PackOption.FORWARD), self);
        } catch (DidCommException e) {
            throw new MediatorClientException("cannot pack the message for its recipients: " + e.getMessage(), e);
        }
        for (PackedMessage p : packed) {
            URI target = httpEndpointOf(p.serviceEndpoint());
            byte[] bytes = p.json().getBytes(StandardCharsets.UTF_8);
            post(target, bytes, true);
        }
    }

    private URI httpEndpointOf(String serviceUri) throws MediatorClientException {
        if (serviceUri == null) {
            throw new MediatorClientException("the recipient has no DIDCommMessaging service to send to");
        }
        if (!serviceUri.startsWith("did:")) {
            return URI.create(serviceUri);
        }
        try {
            for (DidCommService s : resolver.resolve(serviceUri).services()) {
                if (s.uri().startsWith("http://") || s.uri().startsWith("https://")) {
                    return URI.create(s.uri());
                }
            }
        } catch (DidResolutionException e) {
            throw new MediatorClientException("cannot resolve the recipient's mediator " + serviceUri + ": "
                    + e.getMessage(), e);
        }
        throw new MediatorClientException("the recipient's mediator " + serviceUri + " lists no HTTP endpoint");
    }

    // ------------------------------------------------------------------ pickup

    /**
     * Picks up waiting messages (message-pickup 4.0) until the queue is empty or {@code max} were handled:
     * each new message goes to {@code sink} first, then the batch is acknowledged. Messages seen before
     * (a redelivery after a lost acknowledgement) are acknowledged without reaching {@code sink}.
     *
     * @return how many new messages reached the sink
     */
    public int pickup(int max, Consumer<Unpacked> sink) throws MediatorClientException {
        int delivered = 0;
        int handled = 0;
        while (handled < max) {
            ObjectNode body = nodes.objectNode();
            body.put("message_count_limit", Math.min(100, max - handled));
            Message reply = expect(call(PICKUP4 + "delivery-request", body), "/delivery");
            if (reply.attachments().isEmpty()) {
                break;
            }
            Delivery d = openDelivery(reply);
            for (Unpacked u : d.fresh()) {
                sink.accept(u);
                delivered++;
            }
            ObjectNode ack = nodes.objectNode();
            ArrayNode ids = ack.putArray("message_id_list");
            d.queueIds().forEach(ids::add);
            call(PICKUP4 + "messages-received", ack);
            handled += d.queueIds().size();
        }
        return delivered;
    }

    /** The messages of one delivery: queue ids to acknowledge and the unpacked messages not seen before. */
    record Delivery(List<String> queueIds, List<Unpacked> fresh, List<String> innerIds) {
    }

    Delivery openDelivery(Message delivery) {
        List<String> queueIds = new ArrayList<>();
        List<Unpacked> fresh = new ArrayList<>();
        List<String> inner = new ArrayList<>();
        for (Attachment a : delivery.attachments()) {
            if (a.id() != null) {
                queueIds.add(a.id());
            }
            byte[] payload;
            if (a.data() instanceof AttachmentData.Base64Data b) {
                payload = b.decode();
            } else if (a.data() instanceof AttachmentData.JsonData j) {
                payload = j.json().toString().getBytes(StandardCharsets.UTF_8);
            } else {
                continue; // links are not a valid delivery attachment; it is acknowledged and dropped
            }
            try {
                Unpacked u = unpacker.unpack(payload, self.secrets());
                inner.add(u.message().id());
                if (seen.firstTime(u.message().id())) {
                    fresh.add(u);
                }
            } catch (DidCommException e) {
                // Undecryptable for us (tampered, or for a key we dropped): acknowledge so it does not loop.
                continue;
            }
        }
        return new Delivery(queueIds, fresh, inner);
    }

    // ------------------------------------------------------------------ live

    /**
     * Opens a WebSocket to {@code wsUrl}, turns on live mode, drains the queue, and hands every new message
     * to {@code sink} as it arrives, acknowledging it afterwards. Reconnects with backoff when the
     * connection drops, until the returned handle is closed.
     *
     * @param errors told about connection failures and refusals; never about message content
     */
    public LiveConnection goLive(URI wsUrl, Consumer<Unpacked> sink, Consumer<String> errors) {
        return new LiveConnection(this, http, wsUrl, sink, errors, retry, random);
    }

    /** Seals a request to the mediator (used over HTTP and WebSocket). */
    byte[] sealRequest(String type, ObjectNode body) throws MediatorClientException {
        Message m = Message.builder(newId(), type).from(self.did()).to(List.of(mediatorDid)).body(body)
                .header("return_route", TextNode.valueOf("all")).build();
        try {
            return packer.packFor(m, mediatorDid, PackOptions.authcrypt(), self).json()
                    .getBytes(StandardCharsets.UTF_8);
        } catch (DidCommException e) {
            throw new MediatorClientException("cannot encrypt to the mediator " + mediatorDid + ": " + e.getMessage(),
                    e);
        }
    }

    /** Opens an answer from the mediator; it must be authenticated as the mediator. */
    Message openReply(byte[] envelope) throws DidCommException, MediatorClientException {
        Unpacked u = unpacker.unpack(envelope, self.secrets());
        if (!u.metadata().authenticated() || !mediatorDid.equals(u.message().from())) {
            throw new MediatorClientException("an answer did not come authenticated from the mediator " + mediatorDid);
        }
        return u.message();
    }

    // ------------------------------------------------------------------ HTTP with retries

    private Message call(String type, ObjectNode body) throws MediatorClientException {
        MediatorClientException last = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            if (attempt > 1) {
                pause(attempt - 1);
            }
            byte[] request = sealRequest(type, body); // a fresh id per attempt: a retry is not a replay
            Answer a;
            try {
                a = exchange(endpoint, request);
            } catch (IOException e) {
                last = new MediatorUnavailableException("the mediator at " + endpoint + " did not answer: "
                        + e.getMessage(), e);
                continue;
            }
            if (a.retryable()) {
                last = new MediatorUnavailableException("the mediator at " + endpoint + " answered HTTP " + a.status
                        + "; retrying", null);
                continue;
            }
            if (a.body.length == 0) {
                if (a.status / 100 == 2) {
                    return Message.builder("none", "https://didcomm.org/empty/1.0/empty").build();
                }
                throw new MediatorRefusedException("http-" + a.status, "no problem-report came with it", a.status);
            }
            Message reply;
            try {
                reply = a.plain() ? plainProblem(a.body) : openReply(a.body);
            } catch (DidCommException | MediatorClientException | RuntimeException e) {
                last = new MediatorUnavailableException("the mediator's answer could not be opened: " + e.getMessage(),
                        e);
                continue;
            }
            if (reply.type().endsWith(PROBLEM)) {
                throw new MediatorRefusedException(reply.body().path("code").asText("unknown"),
                        reply.body().path("comment").asText(""), a.status);
            }
            return reply;
        }
        throw Objects.requireNonNull(last);
    }

    private Message plainProblem(byte[] body) throws DidCommException {
        Message m = new dev.parley.didcomm.message.MessageCodec(JsonLimits.DEFAULT).parse(body);
        if (!m.type().endsWith(PROBLEM)) {
            throw new IllegalArgumentException("a plaintext answer from the mediator must be a problem-report");
        }
        return m;
    }

    /** Posts the same envelope until it is accepted; a replay answer means an earlier try was stored. */
    private void post(URI target, byte[] envelope, boolean replayMeansDone) throws MediatorClientException {
        MediatorClientException last = null;
        for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
            if (attempt > 1) {
                pause(attempt - 1);
            }
            Answer a;
            try {
                a = exchange(target, envelope);
            } catch (IOException e) {
                last = new MediatorUnavailableException("the mediator at " + target + " did not answer: "
                        + e.getMessage(), e);
                continue;
            }
            if (a.status / 100 == 2) {
                return;
            }
            if (a.status == 409 && replayMeansDone && attempt > 1) {
                return;
            }
            if (a.retryable()) {
                last = new MediatorUnavailableException("the mediator at " + target + " answered HTTP " + a.status,
                        null);
                continue;
            }
            String code = "http-" + a.status;
            try {
                if (a.plain()) {
                    code = plainProblem(a.body).body().path("code").asText(code);
                }
            } catch (DidCommException | RuntimeException e) {
                // keep the HTTP status as the code: the body was not a readable problem-report
            }
            throw new MediatorRefusedException(code, "the mediator did not accept the message", a.status);
        }
        throw Objects.requireNonNull(last);
    }

    private record Answer(int status, byte[] body, String contentType) {
        boolean retryable() {
            return status >= 500 || status == 429 || status == 408;
        }

        boolean plain() {
            return contentType != null && contentType.startsWith("application/didcomm-plain+json");
        }
    }

    private Answer exchange(URI target, byte[] envelope) throws IOException {
        Request rq = new Request.Builder().url(target.toString()).post(RequestBody.create(envelope, ENCRYPTED)).build();
        try (Response rs = http.newCall(rq).execute()) {
            ResponseBody body = rs.body();
            byte[] bytes = body == null ? new byte[0] : readBounded(body);
            return new Answer(rs.code(), bytes, rs.header("Content-Type"));
        }
    }

    private static byte[] readBounded(ResponseBody body) throws IOException {
        long len = body.contentLength();
        if (len > JsonLimits.DEFAULT.maxDocumentBytes()) {
            throw new IOException("the mediator's answer is larger than " + JsonLimits.DEFAULT.maxDocumentBytes()
                    + " bytes");
        }
        byte[] b = body.byteStream().readNBytes(JsonLimits.DEFAULT.maxDocumentBytes() + 1);
        if (b.length > JsonLimits.DEFAULT.maxDocumentBytes()) {
            throw new IOException("the mediator's answer is too large");
        }
        return b.length == 0 && len == 0 ? new byte[0] : b;
    }

    private void pause(int retryNumber) throws MediatorClientException {
        try {
            sleeper.sleep(retry.backoff(retryNumber, random));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediatorClientException("interrupted while waiting to retry", e);
        }
    }

    private static Message expect(Message reply, String typeSuffix) throws MediatorUnavailableException {
        if (!reply.type().endsWith(typeSuffix)) {
            throw new MediatorUnavailableException("expected a " + typeSuffix.substring(1) + " from the mediator, got "
                    + reply.type(), null);
        }
        return reply;
    }

    private String newId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /**
     * Message ids already handed to the application, bounded (least recently seen out), which covers
     * redelivery after a lost acknowledgement or a reconnect. Thread-safe.
     */
    static final class SeenIds {
        private final Map<String, Boolean> ids;

        SeenIds(int max) {
            this.ids = new LinkedHashMap<>(1024, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> e) {
                    return size() > max;
                }
            };
        }

        synchronized boolean firstTime(String id) {
            return ids.putIfAbsent(id, Boolean.TRUE) == null;
        }
    }
}
