package dev.parley.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.cli.demo.PartyProcess.DemoFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * One program run the way users run it: the first person hosts ({@code parley mpc host}), the others join with the
 * link the host printed ({@code parley mpc join LINK}), every one in their own process with a throwaway identity.
 */
final class DemoGroup {
    private static final Duration LINK_WAIT = Duration.ofSeconds(30);

    /** A person taking part: a name for the demo's output and an optional private input. */
    record Person(String name, Optional<String> input) {
    }

    /**
     * What one person's process reported.
     *
     * @param json the {@code --json} output of {@code mpc host|join}
     */
    record Outcome(Person person, JsonNode json) {
        int party() {
            return json.path("party").asInt();
        }
    }

    /** What the run gave: the link and every person's outcome, in the order of {@code people}. */
    record Run(String link, List<Outcome> outcomes, long linkMillis, long wallMillis) {
    }

    private DemoGroup() {
    }

    /**
     * Runs {@code program} for {@code people} (the first hosts) through the mediator at {@code mediatorUrl}.
     *
     * @param progress told each status line a party writes, with the person's name
     */
    static Run run(String program, List<Person> people, String mediatorUrl, Path work, Duration timeout,
                   BiConsumer<String, String> progress) throws DemoFailure, IOException, InterruptedException {
        long start = System.nanoTime();
        Path linkFile = work.resolve(program + ".link");
        List<PartyProcess> processes = new ArrayList<>();
        try {
            Person host = people.getFirst();
            List<String> hostArgs = new ArrayList<>(List.of("mpc", "host", "--ephemeral", "--program", program,
                    "--parties", Integer.toString(people.size()), "--link-file", linkFile.toString(),
                    "--mediator", mediatorUrl, "--hosts", "loopback", "--json",
                    "--timeout", Long.toString(timeout.toSeconds())));
            host.input().ifPresent(v -> hostArgs.addAll(List.of("--input", v)));
            processes.add(PartyProcess.start(1, home(work, host), hostArgs, line -> progress.accept(host.name(), line)));
            String link = awaitLink(linkFile, processes.getFirst());
            long linkMillis = (System.nanoTime() - start) / 1_000_000;
            for (int i = 1; i < people.size(); i++) {
                Person p = people.get(i);
                List<String> args = new ArrayList<>(List.of("mpc", "join", link, "--ephemeral", "--hosts",
                        "loopback", "--json", "--timeout", Long.toString(timeout.toSeconds())));
                p.input().ifPresent(v -> args.addAll(List.of("--input", v)));
                processes.add(PartyProcess.start(i + 1, home(work, p), args, line -> progress.accept(p.name(), line)));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < processes.size(); i++) {
                outcomes.add(new Outcome(people.get(i), processes.get(i).await(timeout.plusSeconds(10))));
            }
            return new Run(link, outcomes, linkMillis, (System.nanoTime() - start) / 1_000_000);
        } finally {
            processes.forEach(PartyProcess::close);
        }
    }

    private static Path home(Path work, Person person) throws IOException {
        return Files.createDirectories(work.resolve(person.name()));
    }

    /** The host writes its link file atomically once the invitation exists. */
    private static String awaitLink(Path linkFile, PartyProcess host) throws DemoFailure, InterruptedException,
            IOException {
        long deadline = System.nanoTime() + LINK_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(linkFile)) {
                String link = Files.readString(linkFile, StandardCharsets.UTF_8).strip();
                if (!link.isEmpty()) {
                    return link;
                }
            }
            if (!host.isAlive()) {
                host.await(Duration.ZERO); // throws with the host's exit code and last words
                throw new DemoFailure("the host ended without writing its invitation link");
            }
            Thread.sleep(20);
        }
        throw new DemoFailure("the host printed no invitation link within " + LINK_WAIT.toSeconds() + " s");
    }
}
