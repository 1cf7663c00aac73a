package dev.parley.cli.mpc;

import dev.parley.cli.CliContext;
import dev.parley.cli.Json;
import dev.parley.mpc.program.ProgramDescriptor;
import dev.parley.mpc.program.ProgramRegistry;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley mpc programs}: what can be computed, with each program's version and fingerprint (the value
 * every party's handshake must agree on).
 */
@Command(name = "programs", mixinStandardHelpOptions = true, description = "List the MPC programs and their fingerprints.")
final class MpcProgramsCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--json", description = "Print a JSON array.")
    private boolean json;

    MpcProgramsCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        var entries = ProgramRegistry.standard(Clock.systemUTC()).list();
        if (json) {
            var array = Json.mapper().createArrayNode();
            for (ProgramRegistry.Entry e : entries) {
                ProgramDescriptor d = e.program().descriptor();
                var node = array.addObject();
                node.put("name", e.name());
                node.put("version", d.version());
                node.put("summary", e.summary());
                node.put("fingerprint", d.fingerprint().hex());
                var params = node.putObject("parameters");
                d.parameters().forEach(params::put);
            }
            context.out().println(Json.pretty(array));
            return 0;
        }
        int width = entries.stream().mapToInt(e -> e.name().length()).max().orElse(4);
        for (ProgramRegistry.Entry e : entries) {
            ProgramDescriptor d = e.program().descriptor();
            context.out().printf("%-" + width + "s  v%d  %s  %s%n", e.name(), d.version(),
                    d.fingerprint().hex().substring(0, 16), e.summary());
        }
        return 0;
    }
}
