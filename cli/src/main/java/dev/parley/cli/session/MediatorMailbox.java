package dev.parley.cli.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.cli.CliException;
import dev.parley.didcomm.did.DidResolver;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.envelope.DidCommPacker;
import dev.parley.didcomm.envelope.PackOptions;
import dev.parley.didcomm.envelope.Unpacked;
import dev.parley.didcomm.json.JsonLimits;
import dev.parley.didcomm.mediator.KeyUpdate;
import dev.parley.didcomm.mediator.MediatorClient;
import dev.parley.didcomm.mediator.MediatorClientException;
import dev.parley.didcomm.mediator.MediatorEndpoints;
import dev.parley.didcomm.mediator.MediatorLocator;
import dev.parley.didcomm.mediator.MediatorUnavailableException;
import dev.parley.didcomm.message.Message;
import dev.parley.didcomm.problem.DidCommException;
import dev.parley.session.didcomm.SessionMessages;
import dev.parley.session.didcomm.Sessions;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * This party's DIDComm conversation through a mediator: it asks for mediation and registers its DID, sends session
 * messages authcrypted and wrapped in a forward to the mediator (so a peer needs no service in its DID document, a
 * did:key works), and picks up its own messages by polling on a background thread into a bounded inbox. Only
 * authenticated session-protocol messages reach the inbox; anything else is dropped. Thread-safe.
 */
final class MediatorMailbox implements Sessions.Conversation, AutoCloseable {
    /** Inbox bound: a session upgrade needs one or two messages; a flood beyond this is dropped. */
    static final int INBOX = 64;
    private static final Duration POLL = Duration.ofMillis(100);
    private static final String ENCRYPTED = "application/didcomm-encrypted+json";

    private final String mediatorDid;
    private final MediatorEndpoints endpoints;
    private final LocalIdentity self;
    private final DidResolver resolver;
    private final MediatorClient client;
    private final DidCommPacker packer;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final BlockingQueue<Message> inbox = new ArrayBlockingQueue<>(INBOX);
    private final List<Message> aside = new ArrayList<>();
    private final Thread poller;
    private final Consumer<String> warnings;
    private volatile boolean closed;

    private MediatorMailbox(String mediatorDid, MediatorEndpoints endpoints, LocalIdentity self, DidResolver resolver,
                            Consumer<String> warnings) {
        this.mediatorDid = mediatorDid;
        this.endpoints = endpoints;
        this.self = self;
        this.resolver = resolver;
        this.warnings = warnings;
        this.client = MediatorClient.create(endpoints.http(), mediatorDid, self, resolver);
        this.packer = new DidCommPacker(resolver, new SecureRandom(), JsonLimits.DEFAULT);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.poller = Thread.ofPlatform().daemon().name("parley-mailbox").unstarted(this::poll);
    }

    /**
     * Resolves the mediator from its invitation link (what the mediator prints at start-up: an OOB link whose
     * {@code from} is its DID), asks it for mediation, registers this party's DID and starts picking up.
     *
     * @throws CliException exit 1 for a link that is not a mediator invitation, exit 2 when the mediator cannot be
     *                      reached or refuses
     */
    static MediatorMailbox open(String mediatorLink, LocalIdentity self, DidResolver resolver,
                                Consumer<String> warnings) throws CliException {
        String mediatorDid;
        try {
            mediatorDid = new MediatorLocator(Duration.ofSeconds(10)).mediatorDid(mediatorLink);
        } catch (MediatorUnavailableException e) {
            throw CliException.environment(e.getMessage(), e);
        } catch (MediatorClientException e) {
            throw CliException.badInput("--mediator (or PARLEY_MEDIATOR): " + e.getMessage(), e);
        }
        MediatorMailbox box;
        try {
            box = new MediatorMailbox(mediatorDid, MediatorEndpoints.resolve(mediatorDid, resolver), self, resolver,
                    warnings);
        } catch (MediatorClientException e) {
            throw CliException.badInput("the mediator " + mediatorDid + " lists no HTTP endpoint: "
                    + e.getMessage(), e);
        }
        try {
            box.client.requestMediation();
            box.client.updateKeylist(List.of(KeyUpdate.add(self.did())));
        } catch (MediatorClientException e) {
            box.close();
            throw CliException.environment("mediator " + box.endpoints.http() + " unreachable or refusing: "
                    + e.getMessage(), e);
        }
        box.poller.start();
        return box;
    }

    String mediatorDid() {
        return mediatorDid;
    }

    @Override
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
        HttpRequest rq = HttpRequest.newBuilder(endpoints.http()).timeout(Duration.ofSeconds(10))
                .header("Content-Type", ENCRYPTED).POST(HttpRequest.BodyPublishers.ofByteArray(envelope)).build();
        HttpResponse<String> rs;
        try {
            rs = http.send(rq, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while sending to the mediator");
        }
        if (rs.statusCode() / 100 != 2) {
            String body = rs.body();
            throw new IOException("the mediator " + endpoints.http() + " refused a forward: HTTP " + rs.statusCode()
                    + " " + body.substring(0, Math.min(200, body.length())));
        }
    }

    @Override
    public Optional<Message> next(String threadId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (aside) {
            for (int i = 0; i < aside.size(); i++) {
                if (aside.get(i).threadId().equals(threadId)) {
                    return Optional.of(aside.remove(i));
                }
            }
        }
        while (true) {
            long left = deadline - System.nanoTime();
            Message m = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
            if (m == null) {
                return Optional.empty();
            }
            if (m.threadId().equals(threadId)) {
                return Optional.of(m);
            }
            synchronized (aside) {
                if (aside.size() < INBOX) {
                    aside.add(m);
                }
            }
        }
    }

    /** The next session message of any thread, or empty after {@code timeout}. */
    Optional<Message> next(Duration timeout) throws InterruptedException {
        synchronized (aside) {
            if (!aside.isEmpty()) {
                return Optional.of(aside.removeFirst());
            }
        }
        return Optional.ofNullable(inbox.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    private void poll() {
        String lastError = null;
        while (!closed) {
            try {
                client.pickup(INBOX, this::deliver);
                lastError = null;
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                return;
            } catch (MediatorClientException e) {
                if (closed) {
                    return;
                }
                if (!e.getMessage().equals(lastError)) {
                    warnings.accept("pickup failed, retrying: " + e.getMessage());
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

    private void deliver(Unpacked u) {
        Message m = u.message();
        if (u.metadata().authenticated() && m.type().startsWith(SessionMessages.PIURI + "/")) {
            inbox.offer(m);
        }
    }

    @Override
    public void close() {
        closed = true;
        poller.interrupt();
        client.close();
    }
}
