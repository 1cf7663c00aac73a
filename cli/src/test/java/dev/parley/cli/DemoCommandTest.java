package dev.parley.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @TempDir
    Path home;

    @Test
    void demoSignsAndVerifiesAcrossResolvedDidsAndCleansUp() throws Exception {
        CliRun.Result r = new CliRun(home).run("demo");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("signature VALID"), r.out());
        assertTrue(r.out().contains("altered message: rejected"), r.out());
        assertTrue(r.out().contains("did:key:z6Mk"), r.out());
        assertTrue(r.out().contains("did:peer:2."), r.out());
        assertTrue(r.out().contains("Alice reads: \"Hi Alice, Bob here.\""), r.out());
        assertTrue(r.out().contains("encrypted=true, authenticated=true"), r.out());
        assertTrue(r.out().contains("Bob picks up: \"Hi Bob! Let's compute something.\" (authenticated=true"), r.out());
        assertTrue(r.out().contains("learns: sum 160,750, average 53,583.33"), r.out());
        for (int party = 1; party <= 3; party++) {
            assertTrue(r.out().matches("(?s).*secret santa: party " + party + " learns only that it gives to party [123].*"), r.out());
            assertFalse(r.out().contains("party " + party + " learns only that it gives to party " + party), r.out());
        }
        assertTrue(Files.notExists(home.resolve("identities")), "the demo must not touch the user's PARLEY_HOME");
    }
}
