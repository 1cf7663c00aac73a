package dev.parley.mediator;

import dev.parley.mediator.limit.Limits;
import dev.parley.mediator.transport.ProxyMode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run a mediator. Immutable.
 *
 * @param bind address and port to listen on (port 0: any free port)
 * @param dataDir where the database and the identity live; created if missing
 * @param publicUrl the URL clients use (behind a TLS proxy: its https URL); empty means
 *     {@code http://host:port} of the bound socket
 * @param proxyMode whether client addresses come from the TCP peer or a trusted proxy's headers
 * @param stun the embedded STUN server's ports, empty for none
 * @param limits every bound the mediator enforces
 * @param housekeepingInterval how often expired messages and replay ids are purged
 * @param clock time source
 * @param random randomness for ids and keys
 */
public record MediatorConfig(InetSocketAddress bind, Path dataDir, Optional<URI> publicUrl, ProxyMode proxyMode,
        Optional<StunPorts> stun, Limits limits,
        Duration housekeepingInterval, Clock clock, SecureRandom random) {

    public MediatorConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(proxyMode, "proxyMode");
        Objects.requireNonNull(stun, "stun");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(housekeepingInterval, "housekeepingInterval");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        publicUrl.ifPresent(u -> {
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
                throw new IllegalArgumentException("the public URL must be http or https, got " + u);
            }
        });
    }

    /** A mediator on {@code 127.0.0.1:port} with default limits, system clock and a fresh SecureRandom. */
    public static MediatorConfig local(int port, Path dataDir) {
        return new MediatorConfig(new InetSocketAddress("127.0.0.1", port), dataDir, Optional.empty(),
                ProxyMode.DIRECT, Optional.empty(), Limits.DEFAULTS, Duration.ofSeconds(30), Clock.systemUTC(), new SecureRandom());
    }

    public MediatorConfig withStun(StunPorts ports) {
        return new MediatorConfig(bind, dataDir, publicUrl, proxyMode, Optional.of(ports), limits,
                housekeepingInterval, clock, random);
    }

    public MediatorConfig withLimits(Limits l) {
        return new MediatorConfig(bind, dataDir, publicUrl, proxyMode, stun, l, housekeepingInterval, clock, random);
    }

    public MediatorConfig withHousekeepingInterval(Duration d) {
        return new MediatorConfig(bind, dataDir, publicUrl, proxyMode, stun, limits, d, clock, random);
    }

    public MediatorConfig withClock(Clock c) {
        return new MediatorConfig(bind, dataDir, publicUrl, proxyMode, stun, limits, housekeepingInterval, c, random);
    }
}
