package dev.parley.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    Path home;

    @Test
    void versionPrintsProjectVersion() {
        CliRun.Result result = new CliRun(home).run("--version");
        assertEquals(0, result.exitCode());
        assertTrue(result.out().startsWith("parley "), result.out());
        assertFalse(result.out().contains("${"), "version was not filtered: " + result.out());
    }

    @Test
    void unknownCommandIsOneLineAndExitCodeOne() {
        CliRun.Result result = new CliRun(home).run("frobnicate");
        assertEquals(1, result.exitCode());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertTrue(result.err().startsWith("parley: "), result.err());
        assertTrue(result.err().contains("frobnicate"), result.err());
    }

    @Test
    void unknownOptionNamesTheOption() {
        CliRun.Result result = new CliRun(home).run("id", "list", "--colour");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("--colour"), result.err());
        assertFalse(result.err().contains("\tat "), "no stack trace by default: " + result.err());
    }

    @Test
    void noCommandPrintsUsageAndFails() {
        CliRun.Result result = new CliRun(home).run();
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("Usage: parley"), result.err());
    }

    @Test
    void helpListsTheCommands() {
        CliRun.Result result = new CliRun(home).run("help");
        assertEquals(0, result.exitCode());
        for (String command : new String[] {"id", "did", "demo", "generate-completion"}) {
            assertTrue(result.out().contains(command), "help lacks " + command + ": " + result.out());
        }
    }

    @Test
    void completionScriptIsGenerated() {
        CliRun.Result result = new CliRun(home).run("generate-completion");
        assertEquals(0, result.exitCode());
        assertTrue(result.out().contains("complete -F"), result.out().lines().limit(3).toList().toString());
    }
}
