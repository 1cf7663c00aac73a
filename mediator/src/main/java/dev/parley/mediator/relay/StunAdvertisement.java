package dev.parley.mediator.relay;

import java.net.InetAddress;
import java.net.URI;
import java.util.Optional;

/**
 * Which address the mediator tells clients to send STUN requests to. The STUN server often binds a wildcard or a
 * private address (containers, NAT, a TLS proxy in front of HTTP), so the advertised address is chosen, in order:
 * the operator's {@code --stun-public HOST[:PORT]}; else the host of {@code --public-url} with the STUN port; else
 * the STUN bind address when it is a specific one; else the host clients reach HTTP at.
 */
public final class StunAdvertisement {
    private StunAdvertisement() {
    }

    /**
     * @param explicit  {@code HOST} or {@code HOST:PORT} ({@code [v6]:PORT}) from the operator, if given
     * @param publicUrl the operator's public URL, if given
     * @param bind      the address the STUN server bound
     * @param port      the STUN server's primary port as bound
     * @param httpUrl   the URL clients use for HTTP (always known)
     * @return {@code host:port}, IPv6 hosts in brackets
     */
    public static String address(Optional<String> explicit, Optional<URI> publicUrl, InetAddress bind, int port,
                                 URI httpUrl) {
        if (explicit.isPresent()) {
            HostPort hp = HostPort.parse(explicit.get());
            return hp.host() + ":" + (hp.port() == 0 ? port : hp.port());
        }
        String host;
        if (publicUrl.isPresent()) {
            host = publicUrl.get().getHost();
        } else if (!bind.isAnyLocalAddress()) {
            host = bind.getHostAddress().contains(":") ? "[" + bind.getHostAddress() + "]" : bind.getHostAddress();
        } else {
            host = httpUrl.getHost();
        }
        return host + ":" + port;
    }

    /** A host (name, IPv4, or IPv6 in brackets) and a port, 0 when none was written. */
    public record HostPort(String host, int port) {
        /**
         * Parses {@code HOST}, {@code HOST:PORT} or {@code [v6]:PORT}.
         *
         * @throws IllegalArgumentException naming what is wrong
         */
        public static HostPort parse(String text) {
            String t = text.strip();
            URI uri;
            try {
                uri = new URI("stun://" + t);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("\"" + text + "\" is not HOST or HOST:PORT (IPv6 as [addr]:port)");
            }
            if (uri.getHost() == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()
                    || uri.getUserInfo() != null || uri.getQuery() != null) {
                throw new IllegalArgumentException("\"" + text + "\" is not HOST or HOST:PORT (IPv6 as [addr]:port)");
            }
            int port = uri.getPort() == -1 ? 0 : uri.getPort();
            if (uri.getPort() != -1 && (port < 1 || port > 65535)) {
                throw new IllegalArgumentException("the port in \"" + text + "\" must be 1..65535");
            }
            return new HostPort(uri.getHost(), port);
        }
    }
}
