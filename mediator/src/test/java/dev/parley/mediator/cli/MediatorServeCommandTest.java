package dev.parley.mediator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.mediator.MediatorProcess;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediatorServeCommandTest {

    @TempDir
    Path data;

    @Test
    void servePrintsItsDidAndListensThenKeepsItsIdentityAcrossRestarts() throws Exception {
        String did;
        int port;
        try (MediatorProcess m = MediatorProcess.start(data, 0)) {
            did = m.did();
            port = m.port();
            assertTrue(did.startsWith("did:peer:2."), did);
            HttpResponse<String> h = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(m.url() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, h.statusCode());
        }
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve("identity.json"))), "private keys are owner-only");
        try (MediatorProcess again = MediatorProcess.start(data, port)) {
            assertEquals(did, again.did(), "same keys and URL give the same DID");
        }
    }

    @Test
    void aPortInUseIsOneLineAndExitCodeTwo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process p = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    "dev.parley.mediator.cli.MediatorMain", "--port", Integer.toString(taken.getLocalPort()),
                    "--data", data.toString(), "--no-qr")).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(2, p.exitValue());
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            List<String> mine = err.lines().filter(l -> l.startsWith("parley mediator:")).toList();
            assertEquals(1, mine.size(), err);
            assertTrue(mine.get(0).contains("port"), mine.get(0));
        }
    }

    @Test
    void invalidLimitsAreABadInvocation() throws Exception {
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.parley.mediator.cli.MediatorMain",
                "--port", "0", "--data", data.toString(), "--max-queue-messages", "0"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue());
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(err.contains("max queued messages per client must be > 0"), err);
    }

    @Test
    void theInvitationFitsAQrCode() {
        assertTrue(MediatorServeCommand.qr("https://mediator.example/?_oob=" + "A".repeat(600)).isPresent());
    }
}
