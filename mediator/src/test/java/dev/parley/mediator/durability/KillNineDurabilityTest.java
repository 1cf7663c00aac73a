package dev.parley.mediator.durability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parley.didcomm.did.LocalIdentity;
import dev.parley.didcomm.mediator.KeyUpdate;
import dev.parley.didcomm.mediator.MediatorClient;
import dev.parley.didcomm.mediator.MediatorClientException;
import dev.parley.didcomm.mediator.RetryPolicy;
import dev.parley.didcomm.message.Message;
import dev.parley.mediator.MediatorProcess;
import dev.parley.mediator.Parties;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mediator in its own process receives a stream of forwards from several senders and is killed with
 * SIGKILL mid-stream. After a restart on the same data directory every forward it acknowledged (HTTP 202)
 * is delivered, and none reaches the application twice.
 */
class KillNineDurabilityTest {

    private static final String BASIC = "https://didcomm.org/basicmessage/2.0/message";
    private static final int SENDERS = 4;
    private static final int KILL_AFTER_ACKS = 60;

    @TempDir
    Path data;

    @Test
    void everyAcknowledgedForwardSurvivesKillNineAndIsDeliveredOnce() throws Exception {
        SecureRandom random = new SecureRandom();
        MediatorProcess first = MediatorProcess.start(data, 0);
        int port = first.port();
        String mediatorDid = first.did();
        URI url = URI.create(first.url());
        LocalIdentity bobId = Parties.party(random, url.toString(), mediatorDid, false);
        LocalIdentity aliceId = Parties.party(random, url.toString(), mediatorDid, false);
        try (MediatorClient bob = client(url, mediatorDid, bobId, 3)) {
            bob.requestMediation();
            assertTrue(bob.updateKeylist(List.of(KeyUpdate.add(bobId.did()))).get(0).succeeded());
        }

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger counter = new AtomicInteger();
        CountDownLatch enough = new CountDownLatch(KILL_AFTER_ACKS);
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try (MediatorClient alice = client(url, mediatorDid, aliceId, 1)) {
            for (int s = 0; s < SENDERS; s++) {
                senders.submit(() -> {
                    while (!stop.get() && counter.get() < 5_000) {
                        String id = "m-" + counter.incrementAndGet();
                        Message m = Message.builder(id, BASIC).from(aliceId.did()).to(List.of(bobId.did()))
                                .body(JsonNodeFactory.instance.objectNode().put("content", id)).build();
                        try {
                            alice.send(m);
                            acknowledged.add(id);
                            enough.countDown();
                        } catch (MediatorClientException e) {
                            if (stop.get()) {
                                return; // the mediator is gone: this one's fate is unknown, and that is allowed
                            }
                        }
                    }
                });
            }
            assertTrue(enough.await(120, TimeUnit.SECONDS), "senders got " + acknowledged.size() + " acks");
            first.kill(); // while the senders are still sending
            stop.set(true);
            senders.shutdown();
            assertTrue(senders.awaitTermination(60, TimeUnit.SECONDS));
        }
        Set<String> acked = new HashSet<>(acknowledged);
        assertTrue(acked.size() >= KILL_AFTER_ACKS);

        try (MediatorProcess second = MediatorProcess.start(data, port);
                MediatorClient bob = client(url, mediatorDid, bobId, 3)) {
            assertEquals(mediatorDid, second.did(), "same keys, same URL: same DID after restart");
            List<String> delivered = Collections.synchronizedList(new ArrayList<>());
            bob.pickup(10_000, u -> delivered.add(u.message().id()));
            // A second pass: everything was acknowledged, nothing comes again.
            bob.pickup(10_000, u -> delivered.add(u.message().id()));
            Set<String> unique = new HashSet<>(delivered);
            assertEquals(unique.size(), delivered.size(), "no message reached the application twice");
            Set<String> missing = new HashSet<>(acked);
            missing.removeAll(unique);
            assertEquals(Set.of(), missing, "acknowledged messages lost by the crash");
        }
    }

    private static MediatorClient client(URI url, String mediatorDid, LocalIdentity self, int attempts) {
        return new MediatorClient(url, mediatorDid, self, Parties.RESOLVER, Clock.systemUTC(), new SecureRandom(),
                new RetryPolicy(attempts, Duration.ofMillis(10), Duration.ofMillis(100)), Duration.ofSeconds(10),
                d -> { });
    }
}
