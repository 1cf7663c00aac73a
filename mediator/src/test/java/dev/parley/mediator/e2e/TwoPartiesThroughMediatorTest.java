package dev.parley.mediator.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.envelope.Unpacked;
import dev.parley.didcomm.mediator.KeyUpdate;
import dev.parley.didcomm.mediator.LiveConnection;
import dev.parley.didcomm.mediator.MediationGrant;
import dev.parley.didcomm.mediator.MediatorClient;
import dev.parley.didcomm.mediator.MediatorStatus;
import dev.parley.didcomm.message.Message;
import dev.parley.mediator.Mediator;
import dev.parley.mediator.MediatorConfig;
import dev.parley.mediator.Parties;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two did:peer:2 parties exchange messages both ways through a real mediator on port 0 with SQLite. */
class TwoPartiesThroughMediatorTest {

    private static final String BASIC = "https://didcomm.org/basicmessage/2.0/message";

    @TempDir
    Path data;

    private Mediator mediator;
    private MediatorClient alice;
    private MediatorClient bob;
    private LocalIdentity aliceId;
    private LocalIdentity bobId;

    @BeforeEach
    void start() throws Exception {
        mediator = Mediator.start(MediatorConfig.local(0, data));
        SecureRandom r = new SecureRandom();
        aliceId = Parties.party(r, mediator.httpUrl().toString(), mediator.did(), false);
        bobId = Parties.party(r, mediator.httpUrl().toString(), mediator.did(), true);
        alice = Parties.client(mediator, aliceId);
        bob = Parties.client(mediator, bobId);
        for (MediatorClient c : List.of(alice, bob)) {
            MediationGrant grant = c.requestMediation();
            assertEquals(List.of(mediator.did()), grant.routingDids());
            List<KeyUpdate> res = c.updateKeylist(List.of(KeyUpdate.add(c.did())));
            assertEquals("success", res.get(0).result());
        }
    }

    @AfterEach
    void stop() throws Exception {
        alice.close();
        bob.close();
        mediator.close();
    }

    private Message basic(LocalIdentity from, LocalIdentity to, String text) {
        return Message.builder(UUID.randomUUID().toString(), BASIC).from(from.did()).to(List.of(to.did()))
                .body(JsonNodeFactory.instance.objectNode().put("content", text)).build();
    }

    @Test
    void partiesExchangeMessagesBothWaysByPolling() throws Exception {
        alice.send(basic(aliceId, bobId, "hello bob"));
        alice.send(basic(aliceId, bobId, "second"));
        List<Unpacked> atBob = new ArrayList<>();
        assertEquals(2, bob.pickup(10, atBob::add));
        assertEquals(List.of("hello bob", "second"),
                atBob.stream().map(u -> u.message().body().path("content").asText()).toList());
        for (Unpacked u : atBob) {
            assertEquals(aliceId.did(), u.message().from());
            assertTrue(u.metadata().authenticated(), "authcrypt proves alice sent it");
        }
        bob.send(basic(bobId, aliceId, "hello alice"));
        List<Unpacked> atAlice = new ArrayList<>();
        assertEquals(1, alice.pickup(10, atAlice::add));
        assertEquals(bobId.did(), atAlice.get(0).message().from());
        assertEquals(0, bob.pickup(10, u -> { }), "picked-up messages were acknowledged and deleted");
        MediatorStatus st = bob.status();
        assertTrue(st.granted());
        assertEquals(List.of(bobId.did()), st.keys());
        assertEquals(0, st.queuedMessages());
    }

    @Test
    void aBacklogTooLargeForOneDeliveryIsPickedUpInSeveral() throws Exception {
        // 100 forwarded messages of 1 KiB content are about 800 KB queued: sealed in one delivery they would
        // exceed the 1 MiB a client reads, so the mediator splits them by bytes.
        int count = 100;
        for (int i = 0; i < count; i++) {
            alice.send(basic(aliceId, bobId, i + " " + "x".repeat(1024)));
        }
        List<Integer> got = new ArrayList<>();
        assertEquals(count, bob.pickup(10 * count, u -> got.add(
                Integer.parseInt(u.message().body().path("content").asText().split(" ")[0]))));
        List<Integer> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(i);
        }
        assertEquals(sent, got);
        assertEquals(0, bob.status().queuedMessages());
    }

    @Test
    void liveDeliveryOverWebSocketDrainsTheQueueThenPushesNewMessages() throws Exception {
        alice.send(basic(aliceId, bobId, "queued before live"));
        BlockingQueue<Unpacked> inbox = new LinkedBlockingQueue<>();
        BlockingQueue<String> errors = new LinkedBlockingQueue<>();
        try (LiveConnection live = bob.goLive(mediator.wsUrl(), inbox::add, errors::add)) {
            Unpacked first = inbox.poll(20, TimeUnit.SECONDS);
            assertNotNull(first, "the queued message is delivered when live mode starts; first error: " + errors.peek());
            assertEquals("queued before live", first.message().body().path("content").asText());
            assertTrue(live.isOpen(), "the mediator confirmed live mode with a status");
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < 5; i++) {
                expected.add("live " + i);
                alice.send(basic(aliceId, bobId, "live " + i));
            }
            Set<String> got = new HashSet<>();
            while (got.size() < expected.size()) {
                Unpacked u = inbox.poll(20, TimeUnit.SECONDS);
                assertNotNull(u, "live delivery stalled after " + got + "; first error: " + errors.peek());
                got.add(u.message().body().path("content").asText());
            }
            assertEquals(expected, got);
            // Bob answers; Alice polls.
            bob.send(basic(bobId, aliceId, "thanks"));
            List<Unpacked> atAlice = new ArrayList<>();
            assertEquals(1, alice.pickup(10, atAlice::add));
            assertEquals("thanks", atAlice.get(0).message().body().path("content").asText());
        }
        assertNull(inbox.poll(), "nothing was delivered twice");
        assertEquals(0, bob.status().queuedMessages(), "live deliveries were acknowledged");
    }

    @Test
    void aLiveClientReconnectsAfterTheMediatorRestartsAndGetsEverythingOnce() throws Exception {
        BlockingQueue<Unpacked> inbox = new LinkedBlockingQueue<>();
        try (LiveConnection live = bob.goLive(mediator.wsUrl(), inbox::add, e -> { })) {
            alice.send(basic(aliceId, bobId, "before restart"));
            assertEquals("before restart", inbox.poll(20, TimeUnit.SECONDS).message().body().path("content").asText());
            int port = mediator.port();
            mediator.close();
            mediator = Mediator.start(MediatorConfig.local(port, data));
            // Sent while bob's live connection is still down or reconnecting: queued, then delivered.
            for (int i = 0; i < 3; i++) {
                alice.send(basic(aliceId, bobId, "after restart " + i));
            }
            Set<String> got = new HashSet<>();
            while (got.size() < 3) {
                Unpacked u = inbox.poll(30, TimeUnit.SECONDS);
                assertNotNull(u, "the live connection did not come back; got " + got);
                assertTrue(got.add(u.message().body().path("content").asText()), "delivered twice: " + u.message().id());
            }
            assertTrue(live.isOpen());
        }
        assertNull(inbox.poll(200, TimeUnit.MILLISECONDS), "nothing arrives twice after the drain");
    }
}
