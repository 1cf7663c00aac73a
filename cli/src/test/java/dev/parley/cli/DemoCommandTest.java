package dev.parley.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parley demo}: three real processes meet through a mediator in this JVM and compute over sessions. */
class DemoCommandTest {
    private static final List<String> PEOPLE = List.of("alice", "bob", "carol");

    @TempDir
    Path home;

    @Test
    void threeProcessesRunSecretSantaAndSumOverDirectSessions() throws Exception {
        CliRun.Result r = new CliRun(home).run("demo", "--tour", "--quiet");
        assertEquals(0, r.exitCode(), r.err() + r.out());

        Matcher m = Pattern.compile("(?m)^ {3}(\\w+) +\\(party (\\d)\\) gives a present to (\\w+)$").matcher(r.out());
        Set<String> givers = new HashSet<>();
        Set<String> receivers = new HashSet<>();
        while (m.find()) {
            assertFalse(m.group(1).equals(m.group(3)), "nobody draws themselves: " + m.group());
            givers.add(m.group(1));
            receivers.add(m.group(3));
        }
        assertEquals(Set.copyOf(PEOPLE), givers, r.out());
        assertEquals(Set.copyOf(PEOPLE), receivers, "a derangement: everyone receives once\n" + r.out());

        for (String person : PEOPLE) {
            assertTrue(Pattern.compile("(?m)^ {3}" + person + " +\\(input [\\d,]+\\) learns: sum 160,750, average 53,583.33$")
                    .matcher(r.out()).find(), r.out());
        }
        assertEquals(2, count(r.out(), "sessions: 1-2 direct, 1-3 direct, 2-3 direct"), r.out());
        assertTrue(r.out().contains("Where the time went"), r.out());
        assertTrue(r.out().matches("(?s).*whole demo \\d+\\.\\d s.*"), r.out());

        // --tour: identities, resolution, signatures and DIDComm through the same mediator
        assertTrue(r.out().contains("signature VALID"), r.out());
        assertTrue(r.out().contains("altered message: rejected"), r.out());
        assertTrue(r.out().contains("Alice reads: \"Hi Alice, Bob here.\""), r.out());
        assertTrue(r.out().contains("Bob picks up: \"Hi Bob! Let's compute something.\" (authenticated=true"), r.out());
        assertTrue(Files.notExists(home.resolve("identities")), "the demo must not touch the user's PARLEY_HOME");
    }

    @Test
    void tooManyPartiesIsBadInputBeforeAnythingStarts() {
        CliRun.Result r = new CliRun(home).run("demo", "--parties", "9");
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("parley: --parties must be 3 to 5, got 9", r.err().strip());
        assertEquals("", r.out());
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
