package dev.parley.mpc.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Three JVMs, each one party, over loopback TCP: the sum is right, and an abrupt exit stops the others cleanly. */
class TcpCrossProcessTest {

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        for (Process p : processes) {
            p.destroyForcibly();
        }
    }

    private List<BufferedReader> start(String... perParty) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        List<BufferedReader> outputs = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        for (int i = 1; i <= perParty.length; i++) {
            List<String> command = new ArrayList<>(List.of(java, "-Xmx128m", "-cp", classpath,
                    TcpPartyMain.class.getName(), "" + i, "1"));
            command.addAll(List.of(perParty[i - 1].split(" ")));
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            processes.add(p);
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("PORT "), "party " + i + " printed " + line);
            ports.add(line.substring(5));
            outputs.add(out);
        }
        for (Process p : processes) {
            Writer in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
            in.write("PEERS " + String.join(",", ports) + "\n");
            in.flush();
        }
        return outputs;
    }

    private String finish(int party, BufferedReader out) throws Exception {
        String line = out.readLine();
        assertTrue(processes.get(party - 1).waitFor(90, TimeUnit.SECONDS), "party " + party + " exited");
        return line;
    }

    @Test
    void threeProcessesComputeTheSumOverLoopbackTcp() throws Exception {
        List<BufferedReader> out = start("10", "-3", "2147483647");
        for (int i = 1; i <= 3; i++) {
            assertEquals("RESULT " + (10 - 3 + 2147483647L), finish(i, out.get(i - 1)));
            assertEquals(0, processes.get(i - 1).exitValue());
        }
    }

    @Test
    void aProcessThatDiesMidRunStopsTheOthersWithAClearError() throws Exception {
        // party 2 is one of the t+1 parties whose shares open the sum, so its exit cannot go unnoticed
        List<BufferedReader> out = start("1", "2 vanish", "3");
        for (int i : new int[] {1, 3}) {
            String line = finish(i, out.get(i - 1));
            assertTrue(line.startsWith("ERROR PartyUnreachableException: party 2 left before round 3"), line);
            assertEquals(2, processes.get(i - 1).exitValue());
        }
        assertTrue(processes.get(1).waitFor(90, TimeUnit.SECONDS));
        assertEquals(3, processes.get(1).exitValue());
    }
}
