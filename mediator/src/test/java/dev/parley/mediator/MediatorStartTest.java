package dev.parley.mediator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediatorStartTest {

    @TempDir
    Path data;

    private static long writerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("mediator-store-writer") && t.isAlive()).count();
    }

    @Test
    void aCorruptIdentityFailsTheStartWithItsFileNamed() throws Exception {
        Files.writeString(data.resolve("identity.json"), "{\"keys\": 42}");
        MediatorStartException e = assertThrows(MediatorStartException.class,
                () -> Mediator.start(MediatorConfig.local(0, data)));
        assertTrue(e.getMessage().contains("identity.json"), e.getMessage());
    }

    @Test
    void aStartThatFailsAfterTheDatabaseOpenedLeavesNoThreadOrPortBehind() throws Exception {
        long before = writerThreads();
        // The relay secret is read after the database opened: a corrupt one fails the start late.
        Files.writeString(data.resolve("relay-secret"), "not base64 at all!");
        MediatorStartException e = assertThrows(MediatorStartException.class,
                () -> Mediator.start(MediatorConfig.local(0, data)));
        assertTrue(e.getMessage().contains("relay-secret"), e.getMessage());
        assertEquals(before, writerThreads(), "no database writer thread is left behind");
        Files.delete(data.resolve("relay-secret"));
        try (Mediator m = Mediator.start(MediatorConfig.local(0, data))) {
            assertTrue(m.did().startsWith("did:peer:2."));
        }
    }

    @Test
    void aDatabaseFromANewerMediatorIsRefusedAtStart() throws Exception {
        try (Mediator m = Mediator.start(MediatorConfig.local(0, data))) {
            assertTrue(m.port() > 0);
        }
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve(Mediator.DATABASE));
                var st = c.createStatement()) {
            st.execute("PRAGMA user_version = 999");
        }
        MediatorStartException e = assertThrows(MediatorStartException.class,
                () -> Mediator.start(MediatorConfig.local(0, data)));
        assertTrue(e.getMessage().contains("newer"), e.getMessage());
    }
}
