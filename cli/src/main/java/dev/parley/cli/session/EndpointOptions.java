package dev.parley.cli.session;

import dev.parley.cli.CliException;
import dev.parley.nat.link.HostPolicy;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options {@code listen}, {@code join}, {@code connect} and {@code mpc host/join} share: who, through which
 * mediator, which candidates.
 */
public final class EndpointOptions {
    @Option(names = "--as", paramLabel = "NAME", description = "Identity to act as (default: the only one).")
    String as;

    @Option(names = "--mediator", paramLabel = "LINK",
            description = "The mediator's invitation link (default: PARLEY_MEDIATOR); both sides use the same one.")
    String mediator;

    @Option(names = "--hosts", paramLabel = "all|loopback", defaultValue = "all",
            description = "Local addresses offered as candidates (default: ${DEFAULT-VALUE}; loopback: this machine only).")
    SessionEndpoint.Hosts hosts;

    @Option(names = "--stun", paramLabel = "HOST:PORT",
            description = "STUN server for server-reflexive candidates, instead of the ones the mediator advertises"
                    + " (default: PARLEY_STUN, else the mediator's).")
    String stun;

    /** {@code --as NAME}, or null for the only identity. */
    public String as() {
        return as;
    }

    /** {@code --mediator}, or null when not given. */
    public String mediator() {
        return mediator;
    }

    /** Which local addresses become host candidates ({@code --hosts}). */
    public HostPolicy hostPolicy() {
        return hosts == SessionEndpoint.Hosts.loopback ? HostPolicy.LOOPBACK_ONLY : HostPolicy.ALL_INTERFACES;
    }

    /** The STUN server from {@code --stun} or {@code PARLEY_STUN}, if any. */
    public List<InetSocketAddress> stunServers(Optional<String> fromEnv) throws CliException {
        String text = stun != null ? stun : fromEnv.orElse(null);
        if (text == null || text.isBlank()) {
            return List.of();
        }
        URI uri;
        try {
            uri = new URI("stun://" + text.strip());
        } catch (URISyntaxException e) {
            throw CliException.badInput("--stun \"" + text + "\" is not HOST:PORT (IPv6 as [addr]:port)", e);
        }
        if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535) {
            throw CliException.badInput("--stun \"" + text + "\" must be HOST:PORT with a port 1..65535");
        }
        InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort());
        if (address.isUnresolved()) {
            throw CliException.environment("cannot resolve the STUN host \"" + uri.getHost() + "\"");
        }
        return List.of(address);
    }
}
