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

    /** @param summary one line for users choosing a program */
    public record Entry(String name, String summary, MpcProgram<?, ?> program) {
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

    /** sum, max, vote, secret-santa and benchmark with 32-bit integers and kappa = 30. */
    public static ProgramRegistry standard(Clock clock) {
        SecureIntType int32 = SecureIntType.int32();
        return new ProgramRegistry(List.of(
                new Entry("sum", "sum and average of one private integer per party", new SumProgram(int32)),
                new Entry("max", "the largest private integer and who holds it", new MaximumProgram(int32)),
                new Entry("vote", "number of yes votes among the parties", new VoteProgram()),
                new Entry("secret-santa", "a random derangement; each party learns whom it gives to",
                        new SecretSantaProgram()),
                new Entry("benchmark", "batched and dependent multiplications and comparisons",
                        new BenchmarkProgram(int32, 100_000, 200, 1_000, clock))));
    }

    public List<Entry> list() {
        return order;
    }

    public Optional<Entry> find(String name) {
        return Optional.ofNullable(entries.get(name));
    }
}
