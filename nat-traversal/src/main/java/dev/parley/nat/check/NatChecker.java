package dev.parley.nat.check;

import dev.parley.nat.stun.BindingResponse;
import dev.parley.nat.stun.StunClient;
import dev.parley.nat.stun.StunTimeoutException;
import dev.parley.nat.stun.StunTransactionException;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Runs RFC 5780 tests I and II (port variant) against a Parley STUN server from one fresh UDP
 * socket: a binding to the primary port gives the mapped address and RTT, a binding to the
 * OTHER-ADDRESS port shows whether the NAT kept the same mapping. Stateless apart from its
 * injected clock and randomness; each {@link #check} uses its own socket, so calls may overlap.
 */
public final class NatChecker {
    private final SecureRandom random;
    private final Clock clock;
    private final Duration budget;

    /**
     * @param budget time allowed per binding transaction; two transactions run at most
     */
    public NatChecker(SecureRandom random, Clock clock, Duration budget) {
        this.random = random;
        this.clock = clock;
        this.budget = budget;
    }

    public NatChecker() {
        this(new SecureRandom(), Clock.systemUTC(), Duration.ofSeconds(3));
    }

    /**
     * Checks the path to {@code stunServer}. UDP that gets no answer is reported as
     * {@code udp=false}, not as an exception; only local socket failures throw.
     *
     * @throws IOException when no local UDP socket can be opened or used
     * @throws StunTransactionException when the server answers but with an error or garbage
     */
    public NatCheckResult check(InetSocketAddress stunServer) throws IOException, StunTransactionException {
        try (DatagramSocket socket = new DatagramSocket()) {
            StunClient client = new StunClient(socket, random, clock, Duration.ofMillis(100));
            BindingResponse first;
            try {
                first = client.binding(stunServer, budget);
            } catch (StunTimeoutException e) {
                return NatCheckResult.udpBlocked();
            }
            MappingBehavior mapping = MappingBehavior.UNKNOWN;
            if (first.otherAddress().isPresent()) {
                InetSocketAddress other = new InetSocketAddress(stunServer.getAddress(), first.otherAddress().get().getPort());
                try {
                    BindingResponse second = client.binding(other, budget);
                    mapping = second.mappedAddress().equals(first.mappedAddress())
                            ? MappingBehavior.ENDPOINT_INDEPENDENT : MappingBehavior.ENDPOINT_DEPENDENT;
                } catch (StunTimeoutException e) {
                    mapping = MappingBehavior.UNKNOWN;
                }
            }
            return new NatCheckResult(true, Optional.of(first.mappedAddress()), mapping, Optional.of(first.rtt()));
        }
    }
}
