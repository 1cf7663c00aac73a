package dev.parley.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.cli.CliContext;
import dev.parley.cli.CliException;
import dev.parley.cli.ExitCode;
import dev.parley.cli.demo.DemoGroup.Outcome;
import dev.parley.cli.demo.DemoGroup.Person;
import dev.parley.cli.demo.PartyProcess.DemoFailure;
import dev.parley.mediator.Mediator;
import dev.parley.mediator.MediatorConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job on one machine: an embedded mediator and three people, each in their own process with a throwaway
 * identity, who meet through a real invitation link, upgrade to sessions and run secret santa and a sum. Prints each
 * party's result, the path of each session and where the time went.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run Parley end to end on this machine: a mediator and three parties (separate processes)",
            "meet through an invitation link, open sessions and compute secret santa and a sum."})
public final class DemoCommand implements Callable<Integer> {
    private static final List<String> NAMES = List.of("alice", "bob", "carol", "dave", "erin");
    private static final long[] SALARIES = {52_000, 61_500, 47_250, 58_900, 49_800};

    private final CliContext context;

    @Option(names = "--parties", paramLabel = "N", defaultValue = "3",
            description = "How many people take part, 3 to 5 (default: ${DEFAULT-VALUE}).")
    private int parties;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long each computation may take, set-up included (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Option(names = "--tour", description = "First walk through identities, DIDs and DIDComm step by step.")
    private boolean tour;

    @Option(names = "--quiet", description = "Do not echo the parties' status lines on stderr.")
    private boolean quiet;

    @Option(names = "--keep", description = "Keep the temporary directory and print its path.")
    private boolean keep;

    DemoCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (parties < 3 || parties > NAMES.size()) {
            throw CliException.badInput("--parties must be 3 to " + NAMES.size() + ", got " + parties);
        }
        if (timeoutSeconds < 5 || timeoutSeconds > 3600) {
            throw CliException.badInput("--timeout must be 5 to 3600 seconds, got " + timeoutSeconds);
        }
        PrintWriter out = context.out();
        long start = System.nanoTime();
        Path work = createTempDir();
        try {
            out.println("Parley demo: " + parties + " people compute together in private, each in their own process,");
            out.println("meeting through one invitation link and a mediator on this machine.");
            step(out, "1. A mediator starts (anyone can host one; first contact goes through it):");
            long mediatorStart = System.nanoTime();
            try (Mediator mediator = Mediator.start(MediatorConfig.local(0, work.resolve("mediator")))) {
                long mediatorMillis = millisSince(mediatorStart);
                out.println("   " + mediator.httpUrl() + "  " + abbreviate(mediator.did(), 48));
                if (tour) {
                    DidCommTour.run(tourContext(work), work, mediator, out);
                }
                String url = mediator.httpUrl().toString();
                Duration timeout = Duration.ofSeconds(timeoutSeconds);
                List<Person> people = NAMES.subList(0, parties).stream()
                        .map(n -> new Person(n, Optional.empty())).toList();

                step(out, "2. Secret santa. " + title(people.getFirst()) + " hosts and pastes the link into the"
                        + " group chat;");
                out.println("   the others join with it. Each learns only whom they give a present to.");
                out.flush();
                DemoGroup.Run santa = DemoGroup.run("secret-santa", people, url, work, timeout, this::echo);
                out.println("   link: " + abbreviate(santa.link(), 96));
                Map<Integer, String> names = partyNames(santa);
                for (Outcome o : santa.outcomes()) {
                    JsonNode r = o.json().path("result").path("giveTo");
                    String gives = r.isIntegralNumber() ? names.getOrDefault(r.asInt(), "party " + r.asInt())
                            : o.json().path("result").toString();
                    out.printf(Locale.ROOT, "   %-6s (party %d) gives a present to %s%n", o.person().name(), o.party(),
                            gives);
                }
                sessions(out, santa);

                List<Person> earners = new java.util.ArrayList<>();
                for (int i = 0; i < parties; i++) {
                    earners.add(new Person(NAMES.get(i), Optional.of(Long.toString(SALARIES[i]))));
                }
                step(out, "3. Average salary, without anyone telling their own:");
                out.flush();
                DemoGroup.Run sum = DemoGroup.run("sum", earners, url, work, timeout, this::echo);
                for (Outcome o : sum.outcomes()) {
                    out.printf(Locale.ROOT, "   %-6s (input %,d) learns: %s%n", o.person().name(),
                            Long.parseLong(o.person().input().orElseThrow()), describe(o.json().path("result")));
                }
                sessions(out, sum);

                step(out, "4. Where the time went (ms, per party: join = until the roster, mesh = all sessions,"
                        + " handshake = slowest):");
                out.printf(Locale.ROOT, "   mediator start %d%n", mediatorMillis);
                timings(out, "secret-santa", santa);
                timings(out, "sum", sum);
                out.printf(Locale.ROOT, "   whole demo %.1f s%n", millisSince(start) / 1000.0);
            }
            step(out, "Next: 'parley mpc host --program sum --parties 3' with friends, 'parley mpc programs' for"
                    + " the programs, 'parley help' for everything.");
            return 0;
        } catch (DemoFailure e) {
            throw new CliException(ExitCode.ENVIRONMENT, "the demo failed: " + e.getMessage(), e);
        } finally {
            out.flush();
            if (keep) {
                context.err().println("kept the demo's directory: " + work);
            } else {
                deleteTree(work);
            }
        }
    }

    private void echo(String name, String line) {
        if (!quiet) {
            context.err().println("   [" + name + "] " + line);
            context.err().flush();
        }
    }

    /** The party index each person got in the roster, for naming whom someone gives to. */
    private static Map<Integer, String> partyNames(DemoGroup.Run run) {
        Map<Integer, String> names = new HashMap<>();
        run.outcomes().forEach(o -> names.put(o.party(), o.person().name()));
        return names;
    }

    /** Every session once, from its lower-numbered end, with the path that end saw. */
    private static void sessions(PrintWriter out, DemoGroup.Run run) {
        Map<String, String> pairs = new TreeMap<>();
        for (Outcome o : run.outcomes()) {
            o.json().path("paths").properties().forEach(e -> {
                int peer = Integer.parseInt(e.getKey());
                int a = Math.min(o.party(), peer);
                int b = Math.max(o.party(), peer);
                pairs.putIfAbsent(a + "-" + b, e.getValue().asText());
            });
        }
        StringBuilder line = new StringBuilder("   sessions:");
        pairs.forEach((pair, path) -> line.append(' ').append(pair).append(' ').append(path).append(','));
        line.setLength(line.length() - 1);
        out.println(line);
    }

    private static void timings(PrintWriter out, String program, DemoGroup.Run run) {
        out.printf(Locale.ROOT, "   %s: link ready %d, all results %d%n", program, run.linkMillis(), run.wallMillis());
        for (Outcome o : run.outcomes()) {
            JsonNode t = o.json().path("timings");
            out.printf(Locale.ROOT, "     %-6s join %5s  mesh %5s  handshake %5s  compute %5s  rounds %3s  total %5s%n",
                    o.person().name(), ms(t, "join"), ms(t, "mesh"), ms(t, "handshakes"), ms(t, "compute"),
                    o.json().path("rounds").asText("-"), ms(t, "total"));
        }
    }

    private static String ms(JsonNode timings, String field) {
        JsonNode v = timings.path(field);
        return v.isNumber() ? Long.toString(Math.round(v.asDouble())) : "-";
    }

    /** A sum result: {@code {"sum":..,"average":..}} reads as prose; anything else as its JSON. */
    private static String describe(JsonNode result) {
        if (result.has("sum") && result.has("average")) {
            return String.format(Locale.ROOT, "sum %,d, average %,.2f", result.get("sum").asLong(),
                    result.get("average").asDouble());
        }
        return result.isValueNode() ? result.asText() : result.toString();
    }

    private static String title(Person p) {
        return Character.toUpperCase(p.name().charAt(0)) + p.name().substring(1);
    }

    /** The tour's identities live in the demo's directory, under a throwaway passphrase. */
    private CliContext tourContext(Path work) {
        Map<String, String> env = new HashMap<>(context.env());
        env.put("PARLEY_HOME", work.resolve("tour").toString());
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        env.put("PARLEY_PASSPHRASE", Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        return context.withEnv(env);
    }

    private static void step(PrintWriter out, String text) {
        out.println();
        out.println(text);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static Path createTempDir() throws CliException {
        try {
            return Files.createTempDirectory("parley-demo-");
        } catch (IOException e) {
            throw CliException.environment("cannot create a temporary directory for the demo: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) throws CliException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw CliException.environment("cannot remove the demo's temporary directory " + root + ": "
                    + e.getMessage(), e);
        }
    }
}
