package dev.parley.cli.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.cli.CliRun;
import dev.parley.cli.WatchedWriter;
import java.time.Duration;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StunAndNatCheckCommandsTest {

    private static final Pattern LISTENING = Pattern.compile("listening on udp [^:]+:(\\d+) \\(second port (\\d+)\\)");

    @TempDir
    Path home;

    @Test
    void natCheckAgainstStunServeReportsEndpointIndependentLoopback() throws Exception {
        WatchedWriter out = new WatchedWriter();
        StringWriter err = new StringWriter();
        AtomicReference<CliRun.Result> served = new AtomicReference<>();
        Thread server = new Thread(() -> served.set(new CliRun(home).run(out, err,
                "stun", "serve", "--port", "0", "--bind", "127.0.0.1")));
        server.start();
        try {
            Matcher m = out.await(LISTENING, Duration.ofSeconds(30));
            int port = Integer.parseInt(m.group(1));

            CliRun.Result check = new CliRun(home).run("nat", "check", "--stun", "127.0.0.1:" + port, "--json");
            assertEquals(0, check.exitCode(), check.err());
            JsonNode json = new ObjectMapper().readTree(check.out());
            assertTrue(json.get("udp").asBoolean(), check.out());
            assertTrue(json.get("mapped_address").asText().startsWith("127.0.0.1:"), check.out());
            assertEquals("endpoint-independent", json.get("mapping").asText(), check.out());
            assertTrue(json.get("rtt_ms").isNumber(), check.out());

            CliRun.Result text = new CliRun(home).run("nat", "check", "--stun", "127.0.0.1:" + port);
            assertEquals(0, text.exitCode(), text.err());
            assertTrue(text.out().contains("mapping:        endpoint-independent"), text.out());
        } finally {
            server.interrupt();
            server.join(10_000);
        }
        assertEquals(0, served.get().exitCode(), err.toString());
        assertTrue(err.toString().contains("answered"), err.toString());
    }

    @Test
    void natCheckWithoutServerNamesTheFix() {
        CliRun.Result r = new CliRun(home).env("PARLEY_STUN", null).run("nat", "check");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("--stun HOST:PORT"), r.err());
    }

    @Test
    void natCheckRejectsMalformedServer() {
        for (String bad : new String[] {"127.0.0.1:99999", "127.0.0.1:abc", ":3478", "[::1"}) {
            CliRun.Result r = new CliRun(home).run("nat", "check", "--stun", bad);
            assertEquals(1, r.exitCode(), bad + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }
}
