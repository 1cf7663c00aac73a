package dev.parley.cli.mediator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.cli.CliRun;
import dev.parley.cli.WatchedWriter;
import java.time.Duration;
import dev.parley.mediator.Mediator;
import dev.parley.mediator.MediatorConfig;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediatorCommandsTest {

    @TempDir
    Path home;

    @Test
    void statusReportsNotGrantedFromBaseUrlAndFromInvitationLink() throws Exception {
        try (Mediator mediator = Mediator.start(MediatorConfig.local(0, home.resolve("mediator")))) {
            CliRun cli = new CliRun(home);
            String did = cli.run("id", "create", "alice", "--method", "peer").outLine();

            CliRun.Result byUrl = cli.run("mediator", "status", "--mediator", mediator.httpUrl().toString(), "--json");
            assertEquals(0, byUrl.exitCode(), byUrl.err());
            JsonNode status = new ObjectMapper().readTree(byUrl.out());
            assertEquals(mediator.did(), status.get("mediator").asText());
            assertEquals(did, status.get("did").asText());
            assertFalse(status.get("granted").asBoolean());
            assertEquals(0, status.get("queued_messages").asLong());

            CliRun.Result byLink = cli.env("PARLEY_MEDIATOR", mediator.invitationUrl()).run("mediator", "status");
            assertEquals(0, byLink.exitCode(), byLink.err());
            assertTrue(byLink.out().contains("granted:  no"), byLink.out());
        }
    }

    @Test
    void unreachableMediatorIsAnEnvironmentError() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        CliRun cli = new CliRun(home);
        cli.run("id", "create", "alice");
        CliRun.Result r = cli.run("mediator", "status", "--mediator", "http://127.0.0.1:" + closedPort);
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("cannot reach the mediator"), r.err());
    }

    @Test
    void statusNeedsAMediatorAndAnIdentityChoice() {
        CliRun cli = new CliRun(home).env("PARLEY_MEDIATOR", null);
        CliRun.Result noMediator = cli.run("mediator", "status");
        assertEquals(1, noMediator.exitCode());
        assertTrue(noMediator.err().contains("PARLEY_MEDIATOR"), noMediator.err());
        cli.run("id", "create", "a");
        cli.run("id", "create", "b");
        CliRun.Result twoIds = cli.run("mediator", "status", "--mediator", "http://127.0.0.1:1");
        assertEquals(1, twoIds.exitCode());
        assertTrue(twoIds.err().contains("--as"), twoIds.err());
    }

    @Test
    void serveFromTheCliPrintsListeningLineAndStopsOnInterrupt() throws Exception {
        WatchedWriter out = new WatchedWriter();
        StringWriter err = new StringWriter();
        AtomicReference<CliRun.Result> result = new AtomicReference<>();
        Thread server = new Thread(() -> result.set(new CliRun(home).run(out, err,
                "mediator", "serve", "--port", "0", "--data", home.resolve("m").toString(), "--no-qr")));
        server.start();
        Matcher listening = out.await(Pattern.compile("listening on (http://\\S+)"), Duration.ofSeconds(60));
        CliRun cli = new CliRun(home);
        cli.run("id", "create", "alice");
        CliRun.Result status = cli.run("mediator", "status", "--mediator", listening.group(1));
        assertEquals(0, status.exitCode(), status.err());
        server.interrupt();
        server.join(30_000);
        assertFalse(server.isAlive(), "serve did not stop on interrupt");
    }
}
