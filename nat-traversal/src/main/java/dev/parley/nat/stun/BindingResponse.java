package dev.parley.nat.stun;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * What a binding transaction learned.
 *
 * @param mappedAddress  our address as the server saw it (XOR-MAPPED-ADDRESS)
 * @param responseOrigin where the answer came from, when the server says (RFC 5780)
 * @param otherAddress   the server's alternate address, when it has one (RFC 5780)
 * @param rtt            time from the transmission that was answered to the answer
 */
public record BindingResponse(InetSocketAddress mappedAddress, Optional<InetSocketAddress> responseOrigin,
                              Optional<InetSocketAddress> otherAddress, Duration rtt) {
}
