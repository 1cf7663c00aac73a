package dev.parley.mpc.program;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.mpc.program.programs.BenchmarkProgram;
import dev.parley.mpc.program.programs.MaximumProgram;
import dev.parley.mpc.program.programs.SumProgram;
import dev.parley.mpc.program.programs.VoteProgram;
import java.util.Locale;

/** The result formatters of the standard programs. */
public final class ProgramResults {

    private ProgramResults() {
    }

    public static ResultFormatter<SumProgram.Result> sum() {
        return r -> {
            ObjectNode j = object();
            j.put("sum", r.sum());
            j.put("average", r.average());
            j.put("parties", r.parties());
            return new FormattedResult(String.format(Locale.ROOT, "sum %d, average %.2f over %d parties", r.sum(),
                    r.average(), r.parties()), j);
        };
    }

    public static ResultFormatter<MaximumProgram.Result> max() {
        return r -> {
            ObjectNode j = object();
            j.put("maximum", r.maximum());
            j.put("holder", r.holder());
            return new FormattedResult("maximum " + r.maximum() + ", held by party " + r.holder(), j);
        };
    }

    public static ResultFormatter<VoteProgram.Result> vote() {
        return r -> {
            ObjectNode j = object();
            j.put("yes", r.yes());
            j.put("no", r.no());
            return new FormattedResult(r.yes() + " yes, " + r.no() + " no", j);
        };
    }

    /** Secret santa: the party index this party gives to. */
    public static ResultFormatter<Integer> secretSanta() {
        return giveTo -> {
            ObjectNode j = object();
            j.put("giveTo", giveTo);
            return new FormattedResult("you give to party " + giveTo, j);
        };
    }

    public static ResultFormatter<BenchmarkProgram.Result> benchmark(BenchmarkProgram program) {
        return r -> {
            ObjectNode j = object();
            phase(j.putObject("batchedMultiplications"), r.batchedMultiplications(), program.batch());
            phase(j.putObject("dependentRounds"), r.dependentRounds(), program.chain());
            phase(j.putObject("comparisons"), r.comparisons(), program.comparisons());
            j.put("checksum", r.checksum());
            return new FormattedResult(String.format(Locale.ROOT,
                    "%,d multiplications/s batched, %.3f ms per dependent round, %,d comparisons/s (checksum %d)",
                    perSecond(r.batchedMultiplications(), program.batch()),
                    r.dependentRounds().time().toNanos() / 1e6 / program.chain(),
                    perSecond(r.comparisons(), program.comparisons()), r.checksum()), j);
        };
    }

    private static void phase(ObjectNode node, BenchmarkProgram.Phase phase, int operations) {
        node.put("operations", operations);
        node.put("millis", phase.time().toNanos() / 1e6);
        node.put("perSecond", perSecond(phase, operations));
    }

    private static long perSecond(BenchmarkProgram.Phase phase, int operations) {
        long nanos = Math.max(1, phase.time().toNanos());
        return Math.round(operations * 1e9 / nanos);
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }
}
