package dev.parley.cli.nat;

import dev.parley.cli.CliContext;
import dev.parley.cli.CliException;
import dev.parley.nat.check.NatCheckResult;
import dev.parley.nat.check.NatChecker;
import dev.parley.nat.stun.StunServerConfig;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parley nat check}: mapped address, mapping behaviour, UDP reachability and RTT, like tailscale netcheck. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Ask a STUN server how this machine looks from outside: whether UDP works, the mapped",
            "address, whether the NAT maps endpoint-independently (hole punching works) and the RTT."})
final class NatCheckCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--stun", paramLabel = "HOST:PORT",
            description = "STUN server (default: PARLEY_STUN; 'parley stun serve' or a mediator started with --stun-port runs one).")
    private String stun;

    @Option(names = "--json", description = "Print one JSON object.")
    private boolean json;

    NatCheckCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        String server = stun != null ? stun : context.env().get("PARLEY_STUN");
        if (server == null || server.isBlank()) {
            throw CliException.badInput("no STUN server given: pass --stun HOST:PORT or set PARLEY_STUN");
        }
        InetSocketAddress address = HostPort.parse(server, "STUN server", StunServerConfig.DEFAULT_PORT);
        NatCheckResult result = new NatChecker().check(address);
        if (json) {
            context.out().println(result.toJson());
            return 0;
        }
        var out = context.out();
        out.println("udp:            " + (result.udp() ? "yes" : "no (no answer from " + server + "; only a relay will work)"));
        result.mappedAddress().ifPresent(a -> out.println("mapped address: " + a.getAddress().getHostAddress() + ":" + a.getPort()));
        out.println("mapping:        " + result.mapping().label());
        result.rtt().ifPresent(r -> out.println("rtt:            " + r.toMillis() + " ms"));
        return 0;
    }
}
