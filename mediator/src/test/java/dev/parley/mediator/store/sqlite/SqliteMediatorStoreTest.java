package dev.parley.mediator.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.mediator.store.CommitObserver;
import dev.parley.mediator.store.KeyUpdateResult;
import dev.parley.mediator.store.QueueFullException;
import dev.parley.mediator.store.QueueQuota;
import dev.parley.mediator.store.QueuedMessage;
import dev.parley.mediator.store.ReplayKey;
import dev.parley.mediator.store.DuplicateMessageException;
import dev.parley.mediator.store.Route;
import dev.parley.mediator.store.ShortLink;
import dev.parley.mediator.store.StoreException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteMediatorStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String ALICE = "did:peer:2.Ez6LSalice";
    private static final String BOB = "did:peer:2.Ez6LSbob";

    @TempDir
    Path dir;

    private SqliteMediatorStore open(QueueQuota quota) throws StoreException {
        return SqliteMediatorStore.open(dir.resolve("mediator.db"), quota, new SecureRandom());
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get();
    }

    @Test
    void keepsQueuedMessagesAndGrantsAcrossRestart() throws Exception {
        QueueQuota quota = new QueueQuota(100, 1 << 20);
        String id;
        try (SqliteMediatorStore s = open(quota)) {
            get(s.grant(ALICE, T0));
            assertEquals(KeyUpdateResult.SUCCESS, get(s.addRecipient(ALICE, "did:key:z6LSa", List.of("z6LSa"))));
            id = get(s.enqueue(new Route(ALICE, "did:key:z6LSa"), "hello".getBytes(), T0, T0.plusSeconds(60))).id();
        }
        try (SqliteMediatorStore s = open(quota)) {
            assertTrue(s.isGranted(ALICE));
            assertEquals(1, s.totalQueued());
            List<QueuedMessage> q = s.peek(ALICE, Optional.empty(), 10);
            assertEquals(1, q.size());
            assertEquals(id, q.get(0).id());
            assertEquals("hello", new String(q.get(0).payload()));
            assertEquals(Optional.of(new Route(ALICE, "did:key:z6LSa")), s.route(List.of("nope", "z6LSa")));
        }
    }

    @Test
    void acknowledgeDeletesOnlyTheClientsOwnMessages() throws Exception {
        try (SqliteMediatorStore s = open(new QueueQuota(100, 1 << 20))) {
            String a = get(s.enqueue(new Route(ALICE, "k1"), new byte[] {1}, T0, T0.plusSeconds(60))).id();
            String b = get(s.enqueue(new Route(BOB, "k2"), new byte[] {2}, T0, T0.plusSeconds(60))).id();
            assertEquals(0, get(s.acknowledge(ALICE, List.of(b, "unknown"))));
            assertEquals(1, s.peek(BOB, Optional.empty(), 10).size());
            assertEquals(1, get(s.acknowledge(ALICE, List.of(a, a))));
            assertEquals(0, s.status(ALICE, Optional.empty()).messageCount());
            assertEquals(1, s.totalQueued());
        }
    }

    @Test
    void rejectsMessagesBeyondTheCountAndByteQuota() throws Exception {
        try (SqliteMediatorStore s = open(new QueueQuota(2, 10))) {
            Route r = new Route(ALICE, "k");
            get(s.enqueue(r, new byte[4], T0, T0.plusSeconds(60)));
            get(s.enqueue(r, new byte[4], T0, T0.plusSeconds(60)));
            ExecutionException count = assertThrows(ExecutionException.class,
                    () -> get(s.enqueue(r, new byte[1], T0, T0.plusSeconds(60))));
            assertInstanceOf(QueueFullException.class, count.getCause());
            get(s.acknowledge(ALICE, List.of(s.peek(ALICE, Optional.empty(), 1).get(0).id())));
            ExecutionException bytes = assertThrows(ExecutionException.class,
                    () -> get(s.enqueue(r, new byte[7], T0, T0.plusSeconds(60))));
            assertInstanceOf(QueueFullException.class, bytes.getCause());
            get(s.enqueue(r, new byte[6], T0, T0.plusSeconds(60)));
            // Another client's quota is its own.
            get(s.enqueue(new Route(BOB, "k2"), new byte[10], T0, T0.plusSeconds(60)));
        }
    }

    @Test
    void quotaCountsOnlyCommittedMessagesWithinABatch() throws Exception {
        try (SqliteMediatorStore s = open(new QueueQuota(5, 1 << 20))) {
            Route r = new Route(ALICE, "k");
            List<CompletableFuture<QueuedMessage>> fs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                fs.add(s.enqueue(r, new byte[] {(byte) i}, T0, T0.plusSeconds(60)));
            }
            long ok = fs.stream().filter(f -> !f.handle((v, e) -> e != null).join()).count();
            assertEquals(5, ok);
            assertEquals(5, s.status(ALICE, Optional.empty()).messageCount());
        }
    }

    @Test
    void aRecipientBelongsToTheFirstClientThatRegisteredIt() throws Exception {
        try (SqliteMediatorStore s = open(new QueueQuota(5, 100))) {
            get(s.grant(ALICE, T0));
            get(s.grant(BOB, T0));
            assertEquals(KeyUpdateResult.SUCCESS, get(s.addRecipient(ALICE, "did:key:z1", List.of("z1"))));
            assertEquals(KeyUpdateResult.NO_CHANGE, get(s.addRecipient(ALICE, "did:key:z1", List.of("z1"))));
            assertEquals(KeyUpdateResult.CLIENT_ERROR, get(s.addRecipient(BOB, "did:key:z1", List.of("z1"))));
            assertEquals(KeyUpdateResult.CLIENT_ERROR,
                    get(s.addRecipient(BOB, "did:peer:0z1", List.of("z1"))), "same key under another name");
            assertEquals(KeyUpdateResult.CLIENT_ERROR, get(s.removeRecipient(BOB, "did:key:z1")));
            assertEquals(List.of("did:key:z1"), s.recipients(ALICE, 0, 10));
            assertEquals(KeyUpdateResult.SUCCESS, get(s.removeRecipient(ALICE, "did:key:z1")));
            assertEquals(KeyUpdateResult.NO_CHANGE, get(s.removeRecipient(ALICE, "did:key:z1")));
            assertEquals(Optional.empty(), s.route(List.of("z1")), "aliases go with their recipient");
            assertEquals(KeyUpdateResult.SUCCESS, get(s.addRecipient(BOB, "did:peer:0z1", List.of("z1"))));
        }
    }

    @Test
    void aRemovedRecipientIsNotRoutedFromTheRouteCache() throws Exception {
        try (SqliteMediatorStore s = open(new QueueQuota(5, 100))) {
            get(s.grant(ALICE, T0));
            get(s.grant(BOB, T0));
            assertEquals(Optional.empty(), s.route(List.of("z1")), "unknown before it is registered");
            assertEquals(KeyUpdateResult.SUCCESS, get(s.addRecipient(ALICE, "did:key:z1", List.of("z1"))));
            assertEquals(Optional.of(new Route(ALICE, "did:key:z1")), s.route(List.of("z1")),
                    "an unknown lookup is not cached");
            assertEquals(Optional.of(new Route(ALICE, "did:key:z1")), s.route(List.of("z1")), "now from the cache");
            assertEquals(KeyUpdateResult.SUCCESS, get(s.removeRecipient(ALICE, "did:key:z1")));
            assertEquals(Optional.empty(), s.route(List.of("z1")), "the removal emptied the cache");
            assertEquals(KeyUpdateResult.SUCCESS, get(s.addRecipient(BOB, "did:key:z1", List.of("z1"))));
            assertEquals(Optional.of(new Route(BOB, "did:key:z1")), s.route(List.of("z1")));
        }
    }

    @Test
    void purgesExpiredMessagesAndReleasesTheirQuota() throws Exception {
        try (SqliteMediatorStore s = open(new QueueQuota(1, 100))) {
            Route r = new Route(ALICE, "k");
            get(s.enqueue(r, new byte[3], T0, T0.plusSeconds(10)));
            assertEquals(0, get(s.purgeExpired(T0.plusSeconds(9))));
            assertEquals(1, get(s.purgeExpired(T0.plusSeconds(10))));
            assertEquals(0, s.totalQueued());
            get(s.enqueue(r, new byte[3], T0, T0.plusSeconds(10)));
        }
    }

    @Test
    void remembersSeenMessageIdsUntilForgotten() throws Exception {
        try (SqliteMediatorStore s = open(new QueueQuota(1, 100))) {
            assertTrue(get(s.firstSeen(new ReplayKey(ALICE, "m1"), T0)));
            assertFalse(get(s.firstSeen(new ReplayKey(ALICE, "m1"), T0.plusSeconds(1))));
            assertTrue(get(s.firstSeen(new ReplayKey(BOB, "m1"), T0)), "ids are per sender");
            assertEquals(2, get(s.forgetSeenBefore(T0.plusMillis(1))));
            assertTrue(get(s.firstSeen(new ReplayKey(ALICE, "m1"), T0.plusSeconds(2))));
        }
    }

    @Test
    void aRefusedMessageIsNotMarkedSeenSoItsRetryIsAccepted() throws Exception {
        try (SqliteMediatorStore s = open(new QueueQuota(1, 100))) {
            Route r = new Route(ALICE, "k");
            ReplayKey first = new ReplayKey("anon", "f1");
            get(s.enqueue(r, new byte[1], T0, T0.plusSeconds(60), Optional.of(first)));
            ExecutionException dup = assertThrows(ExecutionException.class,
                    () -> get(s.enqueue(r, new byte[1], T0, T0.plusSeconds(60), Optional.of(first))));
            assertInstanceOf(QueueFullException.class, dup.getCause(), "quota is checked first");
            get(s.acknowledge(ALICE, List.of(s.peek(ALICE, Optional.empty(), 1).get(0).id())));
            ExecutionException replay = assertThrows(ExecutionException.class,
                    () -> get(s.enqueue(r, new byte[1], T0, T0.plusSeconds(60), Optional.of(first))));
            assertInstanceOf(DuplicateMessageException.class, replay.getCause());
            ReplayKey second = new ReplayKey("anon", "f2");
            get(s.enqueue(r, new byte[1], T0, T0.plusSeconds(60), Optional.of(second)));
            ExecutionException full = assertThrows(ExecutionException.class,
                    () -> get(s.enqueue(r, new byte[1], T0, T0.plusSeconds(60), Optional.of(new ReplayKey("anon", "f3")))));
            assertInstanceOf(QueueFullException.class, full.getCause());
            get(s.acknowledge(ALICE, List.of(s.peek(ALICE, Optional.empty(), 1).get(0).id())));
            get(s.enqueue(r, new byte[1], T0, T0.plusSeconds(60), Optional.of(new ReplayKey("anon", "f3"))));
        }
    }

    @Test
    void shortLinksExpireAndOnlyTheirOwnerInvalidatesThem() throws Exception {
        try (SqliteMediatorStore s = open(new QueueQuota(1, 100))) {
            ShortLink link = new ShortLink("abc", ALICE, "https://x.example/?_oob=e30", "shorten.oobv2", T0,
                    Optional.of(T0.plusSeconds(60)));
            get(s.putShortLink(link));
            ExecutionException taken = assertThrows(ExecutionException.class, () -> get(s.putShortLink(link)));
            assertInstanceOf(StoreException.class, taken.getCause());
            assertEquals(Optional.of(link), s.shortLink("abc", T0.plusSeconds(59)));
            assertEquals(Optional.empty(), s.shortLink("abc", T0.plusSeconds(60)));
            assertFalse(get(s.invalidateShortLink(BOB, "abc")));
            assertTrue(get(s.invalidateShortLink(ALICE, "abc")));
            assertEquals(Optional.empty(), s.shortLink("abc", T0));
        }
    }

    @Test
    void theCommitObserverIsToldOfEveryOperationOnlyAfterItsCommit() throws Exception {
        AtomicInteger commits = new AtomicInteger();
        AtomicInteger operations = new AtomicInteger();
        try (SqliteMediatorStore s = SqliteMediatorStore.open(dir.resolve("mediator.db"),
                new QueueQuota(1_000, 1 << 20), new SecureRandom(), (ops, took) -> {
                    commits.incrementAndGet();
                    operations.addAndGet(ops);
                })) {
            Route r = new Route(ALICE, "k");
            List<CompletableFuture<QueuedMessage>> queued = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                queued.add(s.enqueue(r, new byte[] {(byte) i}, T0, T0.plusSeconds(60)));
            }
            for (CompletableFuture<QueuedMessage> f : queued) {
                get(f);
            }
            // Every future completes after the observer heard of its commit, on the same writer thread.
            assertEquals(50, operations.get());
            assertTrue(commits.get() >= 1 && commits.get() <= 50, commits.get() + " commits");
        }
    }

    @Test
    void aFullDiskFailsTheWriteAndLosesNothingCommittedBefore() throws Exception {
        Path file = dir.resolve("mediator.db");
        try (SqliteMediatorStore s = SqliteMediatorStore.open(file, new QueueQuota(1_000_000, 1L << 40),
                new SecureRandom(), CommitObserver.NONE, 64)) {
            Route r = new Route(ALICE, "k");
            List<String> committed = new ArrayList<>();
            StoreException full = null;
            for (int i = 0; i < 1_000 && full == null; i++) {
                try {
                    committed.add(get(s.enqueue(r, new byte[4096], T0, T0.plusSeconds(60))).id());
                } catch (ExecutionException e) {
                    full = assertInstanceOf(StoreException.class, e.getCause());
                }
            }
            assertTrue(full != null, "a 64-page database must fill up");
            assertTrue(full.getMessage().contains("nothing was stored"), full.getMessage());
            assertEquals(committed.size(), s.totalQueued());
            assertEquals(committed.size(), s.peek(ALICE, Optional.empty(), 10_000).size());
            // Deleting makes room again: the store recovers without a restart.
            get(s.acknowledge(ALICE, committed.subList(0, 2)));
            get(s.enqueue(r, new byte[16], T0, T0.plusSeconds(60)));
        }
    }

    @Test
    void refusesADatabaseFromANewerMediator() throws Exception {
        Path file = dir.resolve("mediator.db");
        open(new QueueQuota(1, 1)).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = " + (Migrations.latest() + 1));
        }
        StoreException e = assertThrows(StoreException.class, () -> open(new QueueQuota(1, 1)));
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
    }

    @Test
    void failsWritesAfterClose() throws Exception {
        SqliteMediatorStore s = open(new QueueQuota(1, 100));
        s.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> get(s.grant(ALICE, T0)));
        assertInstanceOf(StoreException.class, e.getCause());
        assertThrows(StoreException.class, () -> s.isGranted(ALICE));
    }
}
