package dev.parley.didcomm.mediator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.didcomm.did.DidResolver;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.envelope.DidCommPacker;
import dev.parley.didcomm.envelope.PackOptions;
import dev.parley.didcomm.envelope.Unpacked;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.message.Message;
import dev.parley.didcomm.problem.DidCommException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A party's DIDComm mailbox at one mediator, for parties that share that mediator: it asks for mediation and
 * registers the party's DID, sends messages authcrypted and wrapped in a forward to the mediator (so the peer needs
 * no service in its DID document: a did:key works), and picks up its own messages, live over WebSocket when the
 * mediator offers it, else by polling. Only authenticated messages that {@link Settings#accepts} admits are held;
 * anything else is acknowledged at the mediator and dropped.
 *
 * <p>The inbox is bounded: when it is full, pickup pauses (the messages stay queued at the mediator), so a slow
 * reader never loses a message. Several threads may wait at once for different messages ({@link #next(Predicate,
 * Duration)}); each sees every arrival. Thread-safe.
 */
public final class MediatorMailbox implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
    private static final String ENCRYPTED = "application/didcomm-encrypted+json";

    /**
     * What the mailbox keeps and how it fetches.
     *
     * @param accepts  which authenticated messages to keep (e.g. one protocol's types)
     * @param capacity the most messages held before pickup pauses
     * @param live     use the mediator's WebSocket live delivery when it lists one
     * @param warnings told about pickup failures and retries (never about message content)
     */
    public record Settings(Predicate<Message> accepts, int capacity, boolean live, Consumer<String> warnings) {
        public Settings {
            Objects.requireNonNull(accepts, "accepts");
            Objects.requireNonNull(warnings, "warnings");
            if (capacity < 1 || capacity > 1_000_000) {
                throw new IllegalArgumentException("capacity must be 1 to 1,000,000, got " + capacity);
            }
        }

        /** Messages whose type starts with {@code piuri + "/"}, polled, 64 held. */
        public static Settings forProtocol(String piuri, Consumer<String> warnings) {
            return new Settings(m -> m.type().startsWith(piuri + "/"), 64, false, warnings);
        }

        public Settings withCapacity(int n) {
            return new Settings(accepts, n, live, warnings);
        }

        public Settings withLive(boolean on) {
            return new Settings(accepts, capacity, on, warnings);
        }
    }

    private final String mediatorDid;
    private final MediatorEndpoints endpoints;
    private final LocalIdentity self;
    private final DidResolver resolver;
    private final Settings settings;
    private final MediatorClient client;
    private final DidCommPacker packer;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Message> held = new ArrayDeque<>();
    private final Thread poller;
    private volatile LiveConnection live;
    private volatile boolean closed;

    private MediatorMailbox(String mediatorDid, MediatorEndpoints endpoints, LocalIdentity self, DidResolver resolver,
                            Settings settings) {
        this.mediatorDid = mediatorDid;
        this.endpoints = endpoints;
        this.self = self;
        this.resolver = resolver;
        this.settings = settings;
        this.client = MediatorClient.create(endpoints.http(), mediatorDid, self, resolver);
        this.packer = new DidCommPacker(resolver, new SecureRandom(), JsonLimits.DEFAULT);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.poller = Thread.ofPlatform().daemon().name("parley-mailbox").unstarted(this::poll);
    }

    /**
     * Finds the mediator from {@code mediatorLink} (its URL or the invitation link it prints), asks it for
     * mediation, registers {@code self}'s DID and starts picking up.
     *
     * @throws MediatorUnavailableException when the mediator cannot be reached
     * @throws MediatorClientException      for a link that names no mediator, or a mediator that refuses
     */
    public static MediatorMailbox open(String mediatorLink, LocalIdentity self, DidResolver resolver,
                                       Settings settings) throws MediatorClientException {
        String mediatorDid = new MediatorLocator(Duration.ofSeconds(10)).mediatorDid(mediatorLink);
        MediatorMailbox box = new MediatorMailbox(mediatorDid, MediatorEndpoints.resolve(mediatorDid, resolver), self,
                resolver, settings);
        try {
            box.client.requestMediation();
            box.client.updateKeylist(List.of(KeyUpdate.add(self.did())));
        } catch (MediatorClientException e) {
            box.close();
            throw e;
        }
        if (settings.live() && box.endpoints.webSocket().isPresent()) {
            box.live = box.client.goLive(box.endpoints.webSocket().get(), box::deliver, settings.warnings());
        } else {
            box.poller.start();
        }
        return box;
    }

    /** This party's DID. */
    public String did() {
        return self.did();
    }

    /** The client this mailbox uses, for mediator requests beyond sending and receiving (status, relay, ...). */
    public MediatorClient client() {
        return client;
    }

    /**
     * Authcrypts {@code message} to its first {@code to} DID, wraps it in a forward for this mailbox's mediator and
     * posts it; returns once the mediator has stored it.
     */
    public void send(Message message) throws IOException {
        String to = message.to().getFirst();
        byte[] envelope;
        try {
            ObjectNode inner = (ObjectNode) json.readTree(
                    packer.packFor(message, to, PackOptions.authcrypt(), self).json());
            String hop = resolver.resolve(mediatorDid).keyAgreement().getFirst().id();
            envelope = json.writeValueAsBytes(packer.wrapInForwards(inner, to, List.of(hop),
                    PackOptions.authcrypt().encryption()));
        } catch (DidCommException e) {
            throw new IOException("cannot pack the " + message.type() + " for " + to + ": " + e.getMessage(), e);
        }
        HttpRequest rq = HttpRequest.newBuilder(endpoints.http()).timeout(SEND_TIMEOUT)
                .header("Content-Type", ENCRYPTED).POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build();
        HttpResponse<String> rs;
        try {
            rs = http.send(rq, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while sending to the mediator");
        }
        if (rs.statusCode() / 100 != 2) {
            String body = rs.body();
            throw new IOException("the mediator " + endpoints.http() + " refused a forward: HTTP " + rs.statusCode()
                    + " " + body.substring(0, Math.min(200, body.length())));
        }
    }

    /** The next held message of thread {@code threadId}, or empty after {@code timeout}. */
    public Optional<Message> next(String threadId, Duration timeout) throws InterruptedException {
        return next(m -> threadId.equals(m.threadId()), timeout);
    }

    /** The oldest held message, or empty after {@code timeout}. */
    public Optional<Message> next(Duration timeout) throws InterruptedException {
        return next(m -> true, timeout);
    }

    /** The oldest held message that {@code which} admits (taking it out), or empty after {@code timeout}. */
    public Optional<Message> next(Predicate<Message> which, Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lockInterruptibly();
        try {
            while (true) {
                for (Iterator<Message> it = held.iterator(); it.hasNext(); ) {
                    Message m = it.next();
                    if (which.test(m)) {
                        it.remove();
                        changed.signalAll();
                        return Optional.of(m);
                    }
                }
                if (left <= 0 || closed) {
                    return Optional.empty();
                }
                left = changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    private void poll() {
        String lastError = null;
        while (!closed) {
            try {
                int room = awaitRoom();
                client.pickup(room, this::deliver);
                lastError = null;
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                return;
            } catch (MediatorClientException e) {
                if (closed) {
                    return;
                }
                if (!e.getMessage().equals(lastError)) {
                    settings.warnings().accept("pickup failed, retrying: " + e.getMessage());
                    lastError = e.getMessage();
                }
                try {
                    Thread.sleep(POLL.multipliedBy(10));
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** Waits until the inbox has room; returns how many messages fit. */
    private int awaitRoom() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (held.size() >= settings.capacity() && !closed) {
                changed.await(1, TimeUnit.SECONDS);
            }
            return Math.max(1, settings.capacity() - held.size());
        } finally {
            lock.unlock();
        }
    }

    /** Called by pickup (poller or live connection): holds an admitted message, waiting while the inbox is full. */
    private void deliver(Unpacked u) {
        Message m = u.message();
        if (!u.metadata().authenticated() || !settings.accepts().test(m)) {
            return;
        }
        lock.lock();
        try {
            while (held.size() >= settings.capacity() && !closed) {
                changed.awaitUninterruptibly();
            }
            if (!closed) {
                held.addLast(m);
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        closed = true;
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        poller.interrupt();
        LiveConnection l = live;
        if (l != null) {
            l.close();
        }
        client.close();
    }
}
