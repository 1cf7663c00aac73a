package dev.parley.cli.nat;

import dev.parley.cli.CliException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Parses {@code HOST:PORT} (IPv6 as {@code [addr]:port}) from the command line. */
final class HostPort {

    private HostPort() {}

    static InetSocketAddress parse(String text, String what, int defaultPort) throws CliException {
        String s = text.strip();
        String host;
        String port = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw CliException.badInput(what + " \"" + text + "\" has '[' without ']'");
            }
            host = s.substring(1, close);
            if (close + 1 < s.length()) {
                if (s.charAt(close + 1) != ':') {
                    throw CliException.badInput(what + " \"" + text + "\" must be [IPv6]:PORT");
                }
                port = s.substring(close + 2);
            }
        } else {
            int colon = s.lastIndexOf(':');
            if (colon >= 0 && s.indexOf(':') != colon) {
                throw CliException.badInput(what + " \"" + text + "\": write IPv6 addresses as [addr]:port");
            }
            host = colon < 0 ? s : s.substring(0, colon);
            port = colon < 0 ? null : s.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw CliException.badInput(what + " \"" + text + "\" has no host");
        }
        int portNumber = defaultPort;
        if (port != null) {
            try {
                portNumber = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw CliException.badInput(what + " \"" + text + "\" has a bad port \"" + port + "\"");
            }
            if (portNumber < 1 || portNumber > 65535) {
                throw CliException.badInput(what + " port must be 1..65535, got " + portNumber);
            }
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), portNumber);
        } catch (UnknownHostException e) {
            throw CliException.environment("cannot resolve " + what + " host \"" + host + "\"");
        }
    }
}
