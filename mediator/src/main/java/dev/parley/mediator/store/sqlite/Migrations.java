package dev.parley.mediator.store.sqlite;

import dev.parley.mediator.store.StoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The schema, as an append-only list of migrations. The database's {@code PRAGMA user_version} says how
 * many have run; each runs in its own transaction together with the version bump, so a crash mid-way
 * leaves the previous version intact. Never edit a released migration: append a new one.
 */
final class Migrations {

    /** Migration i (0-based) brings the schema from version i to i + 1. */
    static final List<List<String>> STEPS = List.of(
            List.of(
                    """
                    CREATE TABLE mediation (
                      client_did TEXT PRIMARY KEY,
                      granted_at INTEGER NOT NULL)""",
                    """
                    CREATE TABLE recipient (
                      recipient_did TEXT PRIMARY KEY,
                      client_did TEXT NOT NULL REFERENCES mediation(client_did),
                      seq INTEGER NOT NULL)""",
                    "CREATE INDEX recipient_by_client ON recipient(client_did, seq)",
                    """
                    CREATE TABLE route_alias (
                      alias TEXT PRIMARY KEY,
                      recipient_did TEXT NOT NULL REFERENCES recipient(recipient_did) ON DELETE CASCADE)""",
                    "CREATE INDEX alias_by_recipient ON route_alias(recipient_did)",
                    """
                    CREATE TABLE queued_message (
                      seq INTEGER PRIMARY KEY AUTOINCREMENT,
                      id TEXT NOT NULL UNIQUE,
                      client_did TEXT NOT NULL,
                      recipient_did TEXT NOT NULL,
                      received_at INTEGER NOT NULL,
                      expires_at INTEGER NOT NULL,
                      size INTEGER NOT NULL,
                      payload BLOB NOT NULL)""",
                    "CREATE INDEX queued_by_client ON queued_message(client_did, seq)",
                    "CREATE INDEX queued_by_expiry ON queued_message(expires_at)",
                    """
                    CREATE TABLE seen_message (
                      sender TEXT NOT NULL,
                      message_id TEXT NOT NULL,
                      seen_at INTEGER NOT NULL,
                      PRIMARY KEY (sender, message_id)) WITHOUT ROWID""",
                    "CREATE INDEX seen_by_time ON seen_message(seen_at)",
                    """
                    CREATE TABLE short_link (
                      slug TEXT PRIMARY KEY,
                      owner_did TEXT NOT NULL,
                      url TEXT NOT NULL,
                      goal_code TEXT NOT NULL,
                      created_at INTEGER NOT NULL,
                      expires_at INTEGER)""",
                    "CREATE INDEX short_link_by_expiry ON short_link(expires_at)"));

    private Migrations() {
    }

    /** The schema version this code writes. */
    static int latest() {
        return STEPS.size();
    }

    /** Brings the database up to {@link #latest()}; refuses a database written by a newer mediator. */
    static int migrate(Connection c) throws StoreException {
        try {
            int version = userVersion(c);
            if (version > latest()) {
                throw new StoreException("the database schema is version " + version
                        + " but this mediator knows only up to " + latest() + "; run a newer mediator");
            }
            for (int v = version; v < latest(); v++) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    for (String sql : STEPS.get(v)) {
                        s.execute(sql);
                    }
                    s.execute("PRAGMA user_version = " + (v + 1));
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            }
            return latest();
        } catch (SQLException e) {
            throw new StoreException("could not migrate the mediator database: " + e.getMessage(), e);
        }
    }

    static int userVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
