package dev.parley.cli.mpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.cli.CliRun;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MpcProgramsCommandTest {

    @TempDir
    Path home;

    @Test
    void listsEveryDemoProgramWithDistinctFingerprints() throws Exception {
        CliRun.Result r = new CliRun(home).run("mpc", "programs", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode programs = new ObjectMapper().readTree(r.out());
        Set<String> names = new HashSet<>();
        Set<String> fingerprints = new HashSet<>();
        for (JsonNode p : programs) {
            names.add(p.get("name").asText());
            fingerprints.add(p.get("fingerprint").asText());
            assertEquals(64, p.get("fingerprint").asText().length());
        }
        assertEquals(Set.of("sum", "max", "vote", "secret-santa", "benchmark"), names);
        assertEquals(names.size(), fingerprints.size());
        assertTrue(new CliRun(home).run("mpc", "programs").out().contains("secret-santa"));
    }
}
