package dev.parley.mpc.program;

import dev.parley.mpc.field.SecureIntType;
import dev.parley.mpc.program.programs.BenchmarkProgram;
import dev.parley.mpc.program.programs.MaximumProgram;
import dev.parley.mpc.program.programs.SecretSantaProgram;
import dev.parley.mpc.program.programs.SumProgram;
import dev.parley.mpc.program.programs.VoteProgram;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The programs Parley can run, by name, with their default parameters. Immutable. */
public final class ProgramRegistry {

    /**
     * @param summary one line for users choosing a program
     * @param binding the program with its input parser and result formatter
     */
    public record Entry(String name, String summary, ProgramBinding<?, ?> binding) {
        public MpcProgram<?, ?> program() {
            return binding.program();
        }

        /** Parses this party's {@code --input} text (empty when none was given) into a run of this program. */
        public ProgramBinding.PreparedRun prepare(Optional<String> input) throws InvalidInputException {
            return binding.prepare(input);
        }
    }

    private final Map<String, Entry> entries;
    private final List<Entry> order;

    private ProgramRegistry(List<Entry> list) {
        Map<String, Entry> map = new LinkedHashMap<>();
        for (Entry e : list) {
            if (!e.name().equals(e.program().descriptor().name())) {
                throw new IllegalArgumentException("entry " + e.name() + " holds program "
                        + e.program().descriptor().name());
            }
            if (map.put(e.name(), e) != null) {
                throw new IllegalArgumentException("program " + e.name() + " is registered twice");
            }
        }
        this.entries = Map.copyOf(map);
        this.order = List.copyOf(map.values());
    }

    /**
     * sum, max, vote, secret-santa and benchmark with 32-bit integers and kappa = 30, each with its input parser
     * (sum, max: an integer; vote: yes/no; the others: none) and result formatter.
     */
    public static ProgramRegistry standard(Clock clock) {
        SecureIntType int32 = SecureIntType.int32();
        BenchmarkProgram benchmark = new BenchmarkProgram(int32, 100_000, 200, 1_000, clock);
        return new ProgramRegistry(List.of(
                new Entry("sum", "sum and average of one private integer per party", new ProgramBinding<>(
                        new SumProgram(int32), ProgramInputs.integer("sum", int32), ProgramResults.sum())),
                new Entry("max", "the largest private integer and who holds it", new ProgramBinding<>(
                        new MaximumProgram(int32), ProgramInputs.integer("max", int32), ProgramResults.max())),
                new Entry("vote", "number of yes votes among the parties", new ProgramBinding<>(
                        new VoteProgram(), ProgramInputs.yesNo("vote"), ProgramResults.vote())),
                new Entry("secret-santa", "a random derangement; each party learns whom it gives to",
                        new ProgramBinding<>(new SecretSantaProgram(), ProgramInputs.none("secret-santa"),
                                ProgramResults.secretSanta())),
                new Entry("benchmark", "batched and dependent multiplications and comparisons", new ProgramBinding<>(
                        benchmark, ProgramInputs.none("benchmark"), ProgramResults.benchmark(benchmark)))));
    }

    public List<Entry> list() {
        return order;
    }

    public Optional<Entry> find(String name) {
        return Optional.ofNullable(entries.get(name));
    }
}
