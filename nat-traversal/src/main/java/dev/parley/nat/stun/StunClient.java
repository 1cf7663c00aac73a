package dev.parley.nat.stun;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs STUN binding transactions on a socket the caller owns, retransmitting with RFC 8489
 * back-off (starting at {@code initialRto}, doubling) until the time budget is spent.
 *
 * <p>Not thread safe: one transaction at a time per socket, because it reads the socket itself.
 * Datagrams that are not the awaited response are discarded.
 */
public final class StunClient {
    private final DatagramSocket socket;
    private final SecureRandom random;
    private final Clock clock;
    private final Duration initialRto;

    public StunClient(DatagramSocket socket, SecureRandom random, Clock clock, Duration initialRto) {
        this.socket = socket;
        this.random = random;
        this.clock = clock;
        this.initialRto = initialRto;
    }

    public StunClient(DatagramSocket socket) {
        this(socket, new SecureRandom(), Clock.systemUTC(), Duration.ofMillis(100));
    }

    /** A plain binding request. */
    public BindingResponse binding(InetSocketAddress server, Duration budget)
            throws IOException, StunTransactionException {
        return binding(server, 0, budget);
    }

    /**
     * A binding request, with CHANGE-REQUEST flags ({@link StunAttributes#CHANGE_PORT}) when non-zero.
     * A response from an unexpected source is accepted only for a change request, since then it
     * legitimately comes from the other port.
     */
    public BindingResponse binding(InetSocketAddress server, int changeFlags, Duration budget)
            throws IOException, StunTransactionException {
        TransactionId tid = TransactionId.random(random);
        List<StunAttribute> attrs = new ArrayList<>();
        if (changeFlags != 0) {
            attrs.add(StunAttributes.changeRequest(changeFlags));
        }
        byte[] request = StunCodec.encode(new StunMessage(StunClass.REQUEST, StunMessage.BINDING, tid, attrs));
        DatagramPacket out = new DatagramPacket(request, request.length, server);
        byte[] buf = new byte[StunCodec.MAX_MESSAGE_LENGTH];
        DatagramPacket in = new DatagramPacket(buf, buf.length);
        Instant deadline = clock.instant().plus(budget);
        Duration rto = initialRto;
        int previousTimeout = socket.getSoTimeout();
        try {
            while (true) {
                Instant sent = clock.instant();
                if (!sent.isBefore(deadline)) {
                    throw new StunTimeoutException("no STUN answer from " + server + " within " + budget.toMillis()
                            + " ms (server down or UDP blocked on this network)");
                }
                socket.send(out);
                Instant retransmitAt = min(sent.plus(rto), deadline);
                rto = rto.multipliedBy(2);
                while (true) {
                    long waitMs = Duration.between(clock.instant(), retransmitAt).toMillis();
                    if (waitMs <= 0) {
                        break;
                    }
                    socket.setSoTimeout((int) waitMs);
                    in.setLength(buf.length);
                    try {
                        socket.receive(in);
                    } catch (SocketTimeoutException e) {
                        break;
                    }
                    if (changeFlags == 0 && !server.equals(in.getSocketAddress())) {
                        continue;
                    }
                    StunMessage answer;
                    try {
                        answer = StunCodec.decode(buf, 0, in.getLength());
                    } catch (StunFormatException e) {
                        continue;
                    }
                    if (!answer.transactionId().equals(tid) || answer.method() != StunMessage.BINDING) {
                        continue;
                    }
                    return interpret(answer, Duration.between(sent, clock.instant()));
                }
            }
        } finally {
            socket.setSoTimeout(previousTimeout);
        }
    }

    private static BindingResponse interpret(StunMessage answer, Duration rtt) throws StunTransactionException {
        try {
            if (answer.messageClass() == StunClass.ERROR_RESPONSE) {
                int code = answer.attribute(StunAttribute.ERROR_CODE).isPresent()
                        ? StunAttributes.decodeErrorCode(answer.attribute(StunAttribute.ERROR_CODE).get()) : 0;
                throw new StunTransactionException("STUN server answered with error " + code);
            }
            if (answer.messageClass() != StunClass.SUCCESS_RESPONSE) {
                throw new StunTransactionException("STUN answer is a " + answer.messageClass() + ", not a response");
            }
            StunAttribute xma = answer.attribute(StunAttribute.XOR_MAPPED_ADDRESS).orElseThrow(
                    () -> new StunTransactionException("STUN success response has no XOR-MAPPED-ADDRESS"));
            InetSocketAddress mapped = StunAttributes.decodeXorMappedAddress(xma, answer.transactionId());
            Optional<InetSocketAddress> origin = Optional.empty();
            Optional<InetSocketAddress> other = Optional.empty();
            if (answer.attribute(StunAttribute.RESPONSE_ORIGIN).isPresent()) {
                origin = Optional.of(StunAttributes.decodePlainAddress(answer.attribute(StunAttribute.RESPONSE_ORIGIN).get()));
            }
            if (answer.attribute(StunAttribute.OTHER_ADDRESS).isPresent()) {
                other = Optional.of(StunAttributes.decodePlainAddress(answer.attribute(StunAttribute.OTHER_ADDRESS).get()));
            }
            return new BindingResponse(mapped, origin, other, rtt);
        } catch (StunFormatException e) {
            throw new StunTransactionException("STUN response carries a malformed attribute: " + e.getMessage());
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
