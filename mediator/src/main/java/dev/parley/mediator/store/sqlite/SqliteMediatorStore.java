package dev.parley.mediator.store.sqlite;

import dev.parley.mediator.store.CommitObserver;
import dev.parley.mediator.store.DuplicateMessageException;
import dev.parley.mediator.store.KeyUpdateResult;
import dev.parley.mediator.store.MediatorStore;
import dev.parley.mediator.store.QueueFullException;
import dev.parley.mediator.store.QueueQuota;
import dev.parley.mediator.store.QueueStatus;
import dev.parley.mediator.store.QueuedMessage;
import dev.parley.mediator.store.ReplayKey;
import dev.parley.mediator.store.Route;
import dev.parley.mediator.store.ShortLink;
import dev.parley.mediator.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link MediatorStore} on one SQLite file in WAL mode with {@code synchronous=FULL}.
 *
 * <p>All writes go through one writer thread that drains a bounded queue of operations and commits them
 * in a single transaction (group commit): one fsync covers many messages, and every future of the batch
 * completes only after that commit returned. If the commit fails (disk full, I/O error) the whole batch is
 * rolled back and every future in it fails, so nothing unacknowledged is ever half-stored. Reads use a
 * second connection, which in WAL mode sees every committed write without blocking the writer.
 *
 * <p>Per-client quota counters live in memory, are rebuilt from the table at start, and are changed only
 * by the writer thread and only when its transaction commits.
 *
 * <p>Routes found by {@link #route} are cached in memory (at most {@link #ROUTE_CACHE_CAPACITY}, found routes
 * only, so unknown keys sent by strangers cannot fill it): every forward looks one up, and a SQLite read per
 * forward was about 6% of the intake's Java samples. A removal empties the cache before its future completes,
 * and a lookup that raced a removal does not fill it, so a removed key is never routed from the cache after
 * its keylist-update was answered.
 *
 * <p>Thread-safe. {@link #close()} finishes queued writes, then closes the database.
 */
public final class SqliteMediatorStore implements MediatorStore {

    /** Operations waiting for the writer; a full queue is answered as overload, never by blocking. */
    static final int WRITE_QUEUE_CAPACITY = 65_536;
    private static final int MAX_BATCH = 1_024;
    static final int ROUTE_CACHE_CAPACITY = 4_096;
    private static final Base64.Encoder ID_ENCODING = Base64.getUrlEncoder().withoutPadding();

    private final Connection writer;
    private final Connection reader;
    private final QueueQuota quota;
    private final SecureRandom random;
    private final CommitObserver commits;
    private final BlockingQueue<WriteOp<?>> writes = new ArrayBlockingQueue<>(WRITE_QUEUE_CAPACITY);
    private final Map<String, long[]> committedUsage = new HashMap<>(); // writer thread only
    private final Map<String, PreparedStatement> hotStatements = new HashMap<>(); // writer thread only
    private final AtomicLong totalQueued = new AtomicLong();
    private final Thread writerThread;
    private final Map<List<String>, Route> routeCache = new ConcurrentHashMap<>(); // candidates -> route
    private final Object routeCacheLock = new Object();
    private long routeGeneration; // guarded by routeCacheLock; bumped by every removal
    private volatile boolean closed;

    private SqliteMediatorStore(Connection writer, Connection reader, QueueQuota quota,
            SecureRandom random, CommitObserver commits) {
        this.writer = writer;
        this.reader = reader;
        this.quota = quota;
        this.random = random;
        this.commits = commits;
        this.writerThread = Thread.ofPlatform().name("mediator-store-writer").unstarted(this::writeLoop);
    }

    /**
     * Opens (creating if needed) the database file, runs pending migrations and loads quota counters.
     *
     * @param file the database file; its directory must exist
     */
    public static SqliteMediatorStore open(Path file, QueueQuota quota, SecureRandom random) throws StoreException {
        return open(file, quota, random, CommitObserver.NONE, 0);
    }

    /** As {@link #open(Path, QueueQuota, SecureRandom)}, telling {@code commits} of every group commit. */
    public static SqliteMediatorStore open(Path file, QueueQuota quota, SecureRandom random, CommitObserver commits)
            throws StoreException {
        return open(file, quota, random, commits, 0);
    }

    /**
     * As {@link #open(Path, QueueQuota, SecureRandom, CommitObserver)}, capping the file at {@code maxPages}
     * pages when positive: tests use it to make the "disk" fill up exactly as SQLITE_FULL does on a full volume.
     */
    static SqliteMediatorStore open(Path file, QueueQuota quota, SecureRandom random, CommitObserver commits,
            int maxPages) throws StoreException {
        Objects.requireNonNull(quota, "quota");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(commits, "commits");
        if (!Files.isDirectory(file.toAbsolutePath().getParent())) {
            throw new StoreException("the data directory " + file.toAbsolutePath().getParent()
                    + " does not exist; create it or pass another --data");
        }
        Connection w = null;
        Connection r = null;
        try {
            String url = "jdbc:sqlite:" + file.toAbsolutePath();
            w = DriverManager.getConnection(url);
            configure(w);
            Migrations.migrate(w);
            if (maxPages > 0) {
                try (Statement s = w.createStatement()) {
                    s.execute("PRAGMA max_page_count = " + maxPages);
                }
            }
            r = DriverManager.getConnection(url);
            configure(r);
            SqliteMediatorStore store = new SqliteMediatorStore(w, r, quota, random, commits);
            store.loadUsage();
            store.writerThread.start();
            return store;
        } catch (SQLException | StoreException e) {
            closeQuietly(r, e);
            closeQuietly(w, e);
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("could not open the mediator database " + file + ": " + e.getMessage(), e);
        }
    }

    private static void configure(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            s.execute("PRAGMA journal_mode = WAL");
            // FULL: the WAL is fsynced at every commit, so a commit survives power loss, not only kill -9.
            s.execute("PRAGMA synchronous = FULL");
            s.execute("PRAGMA foreign_keys = ON");
        }
    }

    private static void closeQuietly(Connection c, Exception primary) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                primary.addSuppressed(e);
            }
        }
    }

    private void loadUsage() throws SQLException {
        long total = 0;
        try (Statement s = writer.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT client_did, count(*), coalesce(sum(size), 0) FROM queued_message GROUP BY client_did")) {
            while (rs.next()) {
                committedUsage.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                total += rs.getLong(2);
            }
        }
        totalQueued.set(total);
    }

    // ---------------------------------------------------------------- the writer

    /** One unit of work for the writer thread, run inside the batch transaction. */
    @FunctionalInterface
    private interface Body<T> {
        /**
         * Runs the work. A {@link StoreException} fails only this operation and must be thrown before any
         * SQL change; an {@link SQLException} rolls back the whole batch.
         */
        T run(Tx tx) throws SQLException, StoreException;
    }

    private record WriteOp<T>(Body<T> body, CompletableFuture<T> future) {
    }

    /** What an operation sees: the connection and the batch's pending quota changes. */
    private final class Tx {
        final Map<String, long[]> pendingUsage = new HashMap<>();
        long pendingTotal;

        long[] usage(String client) {
            return pendingUsage.computeIfAbsent(client, c -> {
                long[] committed = committedUsage.get(c);
                return committed == null ? new long[2] : committed.clone();
            });
        }

        void change(String client, long messages, long bytes) {
            long[] u = usage(client);
            u[0] += messages;
            u[1] += bytes;
            pendingTotal += messages;
        }
    }

    private <T> CompletableFuture<T> submit(Body<T> body) {
        CompletableFuture<T> f = new CompletableFuture<>();
        if (closed) {
            f.completeExceptionally(new StoreException("the mediator store is closed"));
        } else if (!writes.offer(new WriteOp<>(body, f))) {
            f.completeExceptionally(new StoreException(
                    "the mediator is overloaded: " + WRITE_QUEUE_CAPACITY + " writes are waiting; retry later"));
        }
        return f;
    }

    private void writeLoop() {
        List<WriteOp<?>> batch = new ArrayList<>(MAX_BATCH);
        boolean stop = false;
        while (!stop) {
            try {
                batch.add(writes.take());
                writes.drainTo(batch, MAX_BATCH - 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop = true;
            }
            // close() queues a marker (null body) after every write it accepted.
            stop |= batch.removeIf(op -> op.body() == null);
            runBatch(batch);
            batch.clear();
        }
        StoreException closedFailure = new StoreException("the mediator store is closed");
        for (WriteOp<?> late; (late = writes.poll()) != null; ) {
            late.future().completeExceptionally(closedFailure);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void runBatch(List<WriteOp<?>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Tx tx = new Tx();
        Object[] results = new Object[batch.size()];
        Throwable[] failures = new Throwable[batch.size()];
        try {
            writer.setAutoCommit(false);
            for (int i = 0; i < batch.size(); i++) {
                try {
                    results[i] = batch.get(i).body().run(tx);
                } catch (StoreException e) {
                    failures[i] = e;
                }
            }
            long commitStart = System.nanoTime();
            writer.commit();
            commits.committed(batch.size(), Duration.ofNanos(System.nanoTime() - commitStart));
        } catch (SQLException e) {
            try {
                writer.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            forgetHotStatements(e); // the driver may have closed them with the failed statement
            StoreException failure = new StoreException(
                    "the mediator database could not commit (" + e.getMessage() + "); nothing was stored", e);
            for (WriteOp<?> op : batch) {
                op.future().completeExceptionally(failure);
            }
            return;
        } finally {
            try {
                writer.setAutoCommit(true);
            } catch (SQLException ignored) {
                // The next batch sets it again; a broken connection fails that batch with its own message.
            }
        }
        committedUsage.putAll(tx.pendingUsage);
        committedUsage.values().removeIf(u -> u[0] <= 0);
        totalQueued.addAndGet(tx.pendingTotal);
        for (int i = 0; i < batch.size(); i++) {
            CompletableFuture f = batch.get(i).future();
            if (failures[i] != null) {
                f.completeExceptionally(failures[i]);
            } else {
                f.complete(results[i]);
            }
        }
    }

    // ---------------------------------------------------------------- mediation

    @Override
    public CompletableFuture<Void> grant(String clientDid, Instant at) {
        return submit(tx -> {
            try (PreparedStatement ps = writer.prepareStatement(
                    "INSERT OR IGNORE INTO mediation(client_did, granted_at) VALUES (?, ?)")) {
                ps.setString(1, clientDid);
                ps.setLong(2, at.toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean isGranted(String clientDid) throws StoreException {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM mediation WHERE client_did = ?")) {
                ps.setString(1, clientDid);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public CompletableFuture<KeyUpdateResult> addRecipient(String clientDid, String recipientDid,
            List<String> aliases) {
        List<String> allAliases = List.copyOf(aliases);
        return submit(tx -> {
            String owner = ownerOf(recipientDid);
            if (clientDid.equals(owner)) {
                return KeyUpdateResult.NO_CHANGE;
            }
            if (owner != null) {
                return KeyUpdateResult.CLIENT_ERROR;
            }
            for (String alias : allAliases) {
                try (PreparedStatement ps = writer.prepareStatement(
                        "SELECT 1 FROM route_alias WHERE alias = ?")) {
                    ps.setString(1, alias);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            return KeyUpdateResult.CLIENT_ERROR; // another recipient already answers to it
                        }
                    }
                }
            }
            try (PreparedStatement ps = writer.prepareStatement(
                    "INSERT INTO recipient(recipient_did, client_did, seq) "
                            + "VALUES (?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM recipient))")) {
                ps.setString(1, recipientDid);
                ps.setString(2, clientDid);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = writer.prepareStatement(
                    "INSERT INTO route_alias(alias, recipient_did) VALUES (?, ?)")) {
                for (String alias : allAliases) {
                    ps.setString(1, alias);
                    ps.setString(2, recipientDid);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return KeyUpdateResult.SUCCESS;
        });
    }

    private String ownerOf(String recipientDid) throws SQLException {
        try (PreparedStatement ps = writer.prepareStatement(
                "SELECT client_did FROM recipient WHERE recipient_did = ?")) {
            ps.setString(1, recipientDid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Override
    public CompletableFuture<KeyUpdateResult> removeRecipient(String clientDid, String recipientDid) {
        // The returned stage completes only after the cache was emptied (a failed removal empties it too).
        return submit(tx -> {
            String owner = ownerOf(recipientDid);
            if (owner == null) {
                return KeyUpdateResult.NO_CHANGE;
            }
            if (!owner.equals(clientDid)) {
                return KeyUpdateResult.CLIENT_ERROR;
            }
            try (PreparedStatement ps = writer.prepareStatement("DELETE FROM recipient WHERE recipient_did = ?")) {
                ps.setString(1, recipientDid);
                ps.executeUpdate();
            }
            return KeyUpdateResult.SUCCESS;
        }).whenComplete((r, e) -> forgetRoutes());
    }

    private void forgetRoutes() {
        synchronized (routeCacheLock) {
            routeGeneration++;
            routeCache.clear();
        }
    }

    @Override
    public List<String> recipients(String clientDid, int offset, int limit) throws StoreException {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT recipient_did FROM recipient WHERE client_did = ? ORDER BY seq LIMIT ? OFFSET ?")) {
                ps.setString(1, clientDid);
                ps.setInt(2, limit);
                ps.setInt(3, offset);
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public int recipientCount(String clientDid) throws StoreException {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM recipient WHERE client_did = ?")) {
                ps.setString(1, clientDid);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    @Override
    public Optional<Route> route(List<String> aliasCandidates) throws StoreException {
        List<String> key = List.copyOf(aliasCandidates);
        Route cached = routeCache.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        long generation;
        synchronized (routeCacheLock) {
            generation = routeGeneration;
        }
        Optional<Route> found = routeFromDatabase(key);
        if (found.isPresent()) {
            synchronized (routeCacheLock) {
                if (generation == routeGeneration && routeCache.size() < ROUTE_CACHE_CAPACITY) {
                    routeCache.put(key, found.get());
                }
            }
        }
        return found;
    }

    private Optional<Route> routeFromDatabase(List<String> aliasCandidates) throws StoreException {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT r.client_did, r.recipient_did FROM route_alias a "
                            + "JOIN recipient r ON r.recipient_did = a.recipient_did WHERE a.alias = ?")) {
                for (String alias : aliasCandidates) {
                    ps.setString(1, alias);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            return Optional.of(new Route(rs.getString(1), rs.getString(2)));
                        }
                    }
                }
                return Optional.empty();
            }
        });
    }

    // ---------------------------------------------------------------- queue

    @Override
    public CompletableFuture<QueuedMessage> enqueue(Route route, byte[] payload, Instant receivedAt,
            Instant expiresAt, Optional<ReplayKey> replayKey) {
        byte[] copy = payload.clone();
        String id = newId(receivedAt);
        return submit(tx -> {
            long[] usage = tx.usage(route.clientDid());
            if (usage[0] + 1 > quota.maxMessages() || usage[1] + copy.length > quota.maxBytes()) {
                throw new QueueFullException("the queue for this recipient is full (" + usage[0] + " messages, "
                        + usage[1] + " bytes; quota " + quota.maxMessages() + " messages, " + quota.maxBytes()
                        + " bytes)");
            }
            if (replayKey.isPresent() && !markSeen(replayKey.get(), receivedAt)) {
                throw new DuplicateMessageException("message " + replayKey.get().messageId()
                        + " was already received; it is not queued twice");
            }
            PreparedStatement ps = hot(
                    "INSERT INTO queued_message(id, client_did, recipient_did, received_at, expires_at, size, payload)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)");
            ps.setString(1, id);
            ps.setString(2, route.clientDid());
            ps.setString(3, route.recipientDid());
            ps.setLong(4, receivedAt.toEpochMilli());
            ps.setLong(5, expiresAt.toEpochMilli());
            ps.setInt(6, copy.length);
            ps.setBytes(7, copy);
            ps.executeUpdate();
            ps.clearParameters(); // the payload is not kept alive until the next forward
            tx.change(route.clientDid(), 1, copy.length);
            return new QueuedMessage(id, route, Instant.ofEpochMilli(receivedAt.toEpochMilli()),
                    Instant.ofEpochMilli(expiresAt.toEpochMilli()), copy);
        });
    }

    /**
     * A queue id: the receipt time in milliseconds as 12 hex digits, then 96 random bits. Unguessable as
     * before, and ids sort by arrival, so the unique index on them grows at its end instead of taking a
     * random page per insert (with a long queue, that was one more 4 KiB page per forward in every commit).
     */
    private String newId(Instant receivedAt) {
        byte[] b = new byte[12];
        random.nextBytes(b);
        return String.format("%012x", receivedAt.toEpochMilli()) + ID_ENCODING.encodeToString(b);
    }

    @Override
    public List<QueuedMessage> peek(String clientDid, Optional<String> recipientDid, int limit)
            throws StoreException {
        return read(c -> {
            String sql = "SELECT id, recipient_did, received_at, expires_at, payload FROM queued_message "
                    + "WHERE client_did = ?" + (recipientDid.isPresent() ? " AND recipient_did = ?" : "")
                    + " ORDER BY seq LIMIT ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setString(i++, clientDid);
                if (recipientDid.isPresent()) {
                    ps.setString(i++, recipientDid.get());
                }
                ps.setInt(i, limit);
                List<QueuedMessage> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new QueuedMessage(rs.getString(1), new Route(clientDid, rs.getString(2)),
                                Instant.ofEpochMilli(rs.getLong(3)), Instant.ofEpochMilli(rs.getLong(4)),
                                rs.getBytes(5)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public QueueStatus status(String clientDid, Optional<String> recipientDid) throws StoreException {
        return read(c -> {
            String sql = "SELECT count(*), coalesce(sum(size), 0), min(received_at), max(received_at) "
                    + "FROM queued_message WHERE client_did = ?"
                    + (recipientDid.isPresent() ? " AND recipient_did = ?" : "");
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, clientDid);
                if (recipientDid.isPresent()) {
                    ps.setString(2, recipientDid.get());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getLong(1) == 0) {
                        return QueueStatus.EMPTY;
                    }
                    return new QueueStatus(rs.getLong(1), rs.getLong(2),
                            Optional.of(Instant.ofEpochMilli(rs.getLong(3))),
                            Optional.of(Instant.ofEpochMilli(rs.getLong(4))));
                }
            }
        });
    }

    @Override
    public CompletableFuture<Integer> acknowledge(String clientDid, Collection<String> messageIds) {
        List<String> ids = List.copyOf(messageIds);
        return submit(tx -> {
            int deleted = 0;
            PreparedStatement select = hot("SELECT size FROM queued_message WHERE id = ? AND client_did = ?");
            PreparedStatement delete = hot("DELETE FROM queued_message WHERE id = ? AND client_did = ?");
            for (String id : ids) {
                select.setString(1, id);
                select.setString(2, clientDid);
                long size;
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        continue;
                    }
                    size = rs.getLong(1);
                }
                delete.setString(1, id);
                delete.setString(2, clientDid);
                if (delete.executeUpdate() == 1) {
                    tx.change(clientDid, -1, -size);
                    deleted++;
                }
            }
            return deleted;
        });
    }

    @Override
    public CompletableFuture<Integer> purgeExpired(Instant now) {
        return submit(tx -> {
            long cutoff = now.toEpochMilli();
            try (PreparedStatement ps = writer.prepareStatement(
                    "SELECT client_did, count(*), sum(size) FROM queued_message WHERE expires_at <= ? "
                            + "GROUP BY client_did")) {
                ps.setLong(1, cutoff);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tx.change(rs.getString(1), -rs.getLong(2), -rs.getLong(3));
                    }
                }
            }
            int deleted;
            try (PreparedStatement ps = writer.prepareStatement("DELETE FROM queued_message WHERE expires_at <= ?")) {
                ps.setLong(1, cutoff);
                deleted = ps.executeUpdate();
            }
            try (PreparedStatement ps = writer.prepareStatement(
                    "DELETE FROM short_link WHERE expires_at IS NOT NULL AND expires_at <= ?")) {
                ps.setLong(1, cutoff);
                ps.executeUpdate();
            }
            return deleted;
        });
    }

    @Override
    public long totalQueued() {
        return totalQueued.get();
    }

    // ---------------------------------------------------------------- replay protection

    @Override
    public CompletableFuture<Boolean> firstSeen(ReplayKey key, Instant now) {
        return submit(tx -> markSeen(key, now));
    }

    private boolean markSeen(ReplayKey key, Instant now) throws SQLException {
        PreparedStatement ps = hot("INSERT OR IGNORE INTO seen_message(sender, message_id, seen_at) VALUES (?, ?, ?)");
        ps.setString(1, key.sender());
        ps.setString(2, key.messageId());
        ps.setLong(3, now.toEpochMilli());
        return ps.executeUpdate() == 1;
    }

    /**
     * A statement every forward or acknowledgement runs, prepared once and kept (writer thread only):
     * preparing it again for each of thousands of forwards a second was a visible share of the writer's time.
     * Closed with the writer's connection, or dropped after a failed batch.
     */
    private void forgetHotStatements(SQLException cause) {
        for (PreparedStatement ps : hotStatements.values()) {
            try {
                ps.close();
            } catch (SQLException e) {
                cause.addSuppressed(e);
            }
        }
        hotStatements.clear();
    }

    private PreparedStatement hot(String sql) throws SQLException {
        PreparedStatement ps = hotStatements.get(sql);
        if (ps == null) {
            ps = writer.prepareStatement(sql);
            hotStatements.put(sql, ps);
        }
        return ps;
    }

    @Override
    public CompletableFuture<Integer> forgetSeenBefore(Instant cutoff) {
        return submit(tx -> {
            try (PreparedStatement ps = writer.prepareStatement("DELETE FROM seen_message WHERE seen_at < ?")) {
                ps.setLong(1, cutoff.toEpochMilli());
                return ps.executeUpdate();
            }
        });
    }

    // ---------------------------------------------------------------- short links

    @Override
    public CompletableFuture<ShortLink> putShortLink(ShortLink link) {
        return submit(tx -> {
            try (PreparedStatement ps = writer.prepareStatement("SELECT 1 FROM short_link WHERE slug = ?")) {
                ps.setString(1, link.slug());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        throw new StoreException("the short link slug '" + link.slug() + "' is taken");
                    }
                }
            }
            try (PreparedStatement ps = writer.prepareStatement(
                    "INSERT INTO short_link(slug, owner_did, url, goal_code, created_at, expires_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, link.slug());
                ps.setString(2, link.ownerDid());
                ps.setString(3, link.url());
                ps.setString(4, link.goalCode());
                ps.setLong(5, link.createdAt().toEpochMilli());
                if (link.expiresAt().isPresent()) {
                    ps.setLong(6, link.expiresAt().get().toEpochMilli());
                } else {
                    ps.setNull(6, Types.INTEGER);
                }
                ps.executeUpdate();
            }
            return link;
        });
    }

    @Override
    public Optional<ShortLink> shortLink(String slug, Instant now) throws StoreException {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT owner_did, url, goal_code, created_at, expires_at FROM short_link WHERE slug = ?")) {
                ps.setString(1, slug);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    long exp = rs.getLong(5);
                    Optional<Instant> expires = rs.wasNull() ? Optional.empty()
                            : Optional.of(Instant.ofEpochMilli(exp));
                    ShortLink link = new ShortLink(slug, rs.getString(1), rs.getString(2), rs.getString(3),
                            Instant.ofEpochMilli(rs.getLong(4)), expires);
                    return link.validAt(now) ? Optional.of(link) : Optional.empty();
                }
            }
        });
    }

    @Override
    public CompletableFuture<Boolean> invalidateShortLink(String ownerDid, String slug) {
        return submit(tx -> {
            try (PreparedStatement ps = writer.prepareStatement(
                    "DELETE FROM short_link WHERE slug = ? AND owner_did = ?")) {
                ps.setString(1, slug);
                ps.setString(2, ownerDid);
                return ps.executeUpdate() == 1;
            }
        });
    }

    // ---------------------------------------------------------------- plumbing

    @FunctionalInterface
    private interface Read<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(Read<T> body) throws StoreException {
        if (closed) {
            throw new StoreException("the mediator store is closed");
        }
        synchronized (reader) {
            try {
                return body.run(reader);
            } catch (SQLException e) {
                throw new StoreException("the mediator database could not be read: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() throws StoreException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writes.put(new WriteOp<>(null, new CompletableFuture<>()));
            writerThread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while closing the mediator store", e);
        }
        StoreException failure = null;
        for (Connection c : List.of(reader, writer)) {
            try {
                synchronized (reader) {
                    c.close();
                }
            } catch (SQLException e) {
                if (failure == null) {
                    failure = new StoreException("could not close the mediator database: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
