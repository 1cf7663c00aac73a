package dev.parley.mediator.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.mediator.cli.MediatorServeCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve --stun-public}: refused before anything starts when it cannot mean anything. */
class StunPublicOptionTest {
    @TempDir
    Path data;

    private int serve(StringWriter err, String... args) {
        CommandLine cmd = new CommandLine(new MediatorServeCommand());
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        return cmd.execute(args);
    }

    @Test
    void needsAStunServerToAdvertise() {
        StringWriter err = new StringWriter();
        assertEquals(1, serve(err, "--port", "0", "--data", data.toString(), "--stun-public", "198.51.100.7"));
        assertTrue(err.toString().contains("--stun-public needs --stun-port"), err.toString());
    }

    @Test
    void mustBeHostOrHostPort() {
        StringWriter err = new StringWriter();
        assertEquals(1, serve(err, "--port", "0", "--data", data.toString(), "--stun-port", "0", "--stun-public",
                "198.51.100.7/stun"));
        assertTrue(err.toString().startsWith("parley mediator: \"198.51.100.7/stun\" is not HOST or HOST:PORT"),
                err.toString());
    }
}
