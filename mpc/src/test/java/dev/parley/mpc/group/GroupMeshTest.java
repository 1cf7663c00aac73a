package dev.parley.mpc.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.mpc.program.ProgramRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mesh binds the roster: a party shown another roster cannot open its sessions. */
class GroupMeshTest {
    @TempDir
    Path dir;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void aPartyShownADifferentRosterFailsItsHandshakes() throws Exception {
        try (GroupFixture fixture = new GroupFixture(dir)) {
            GroupSettings settings = GroupFixture.settings(Duration.ofSeconds(5)).withMeshTimeout(Duration.ofSeconds(15));
            List<GroupIdentity> ids = List.of(fixture.identity(true), fixture.identity(false), fixture.identity(false));
            List<String> dids = ids.stream().map(GroupIdentity::did).toList();
            var program = ProgramRegistry.standard(GroupFixture.CLOCK).find("sum").orElseThrow().program().descriptor();
            String group = "00112233445566778899aabbccddeeff";
            Roster shown = new Roster(group, dids.getFirst(), program, 1, dids);
            Roster other = new Roster(group, dids.getFirst(), program, 0, dids);
            List<Future<GroupMesh.Result>> meshes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                GroupIdentity id = ids.get(i);
                var mailbox = fixture.mailbox(id);
                Roster r = i == 2 ? other : shown;
                meshes.add(threads.submit(() -> new GroupMesh(id, r, mailbox, settings, line -> { },
                        GroupFixture.CLOCK, new SecureRandom()).open()));
            }
            for (int i = 0; i < 2; i++) {
                MeshFailedException e = assertInstanceOf(MeshFailedException.class, failure(meshes.get(i)));
                assertEquals(3, e.peer(), e.getMessage());
                assertTrue(e.getMessage().contains("different rosters"), e.getMessage());
            }
            assertInstanceOf(MeshFailedException.class, failure(meshes.get(2)));
        }
    }

    private static Throwable failure(Future<?> f) throws Exception {
        try {
            f.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("the mesh opened although one party holds another roster");
    }
}
