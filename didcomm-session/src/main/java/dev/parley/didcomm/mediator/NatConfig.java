package dev.parley.didcomm.mediator;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a mediator offers for NAT traversal (relay/1.0 {@code nat-config}): its relay's WebSocket URL and the STUN
 * servers it runs, {@code host:port} each, as the mediator advertises them. Immutable; validated on construction so
 * a malformed answer never gets further than the client.
 *
 * @param relayUrl    the relay, {@code ws://} or {@code wss://}
 * @param stunServers at most {@link #MAX_STUN} {@code host:port} entries (IPv6 as {@code [addr]:port}); may be empty
 */
public record NatConfig(URI relayUrl, List<String> stunServers) {
    /** As many STUN servers as a link uses. */
    public static final int MAX_STUN = 4;

    public NatConfig {
        Objects.requireNonNull(relayUrl, "relayUrl");
        if (!"ws".equals(relayUrl.getScheme()) && !"wss".equals(relayUrl.getScheme()) || relayUrl.getHost() == null) {
            throw new IllegalArgumentException("the relay URL must be ws:// or wss:// with a host, got " + relayUrl);
        }
        stunServers = List.copyOf(stunServers);
        if (stunServers.size() > MAX_STUN) {
            throw new IllegalArgumentException("at most " + MAX_STUN + " STUN servers, got " + stunServers.size());
        }
        stunServers.forEach(NatConfig::parse);
    }

    /**
     * The STUN servers as socket addresses, names resolved now; a name that does not resolve is left out (the link
     * then gathers without it rather than failing).
     */
    public List<InetSocketAddress> stunAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String s : stunServers) {
            InetSocketAddress a = parse(s);
            InetSocketAddress resolved = new InetSocketAddress(a.getHostString(), a.getPort());
            if (!resolved.isUnresolved()) {
                out.add(resolved);
            }
        }
        return out;
    }

    private static InetSocketAddress parse(String hostPort) {
        URI uri;
        try {
            uri = new URI("stun://" + hostPort);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("STUN server \"" + hostPort + "\" is not host:port");
        }
        if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535 || uri.getRawPath() == null
                || !uri.getRawPath().isEmpty() || uri.getUserInfo() != null || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("STUN server \"" + hostPort + "\" is not host:port with a port 1..65535");
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        return InetSocketAddress.createUnresolved(host, uri.getPort());
    }
}
