package dev.parley.didcomm.protocol;

import dev.parley.didcomm.message.Message;
import dev.parley.didcomm.problem.DidCommException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One protocol's message handling. Implementations must be thread-safe; they validate the body they
 * receive and throw a {@link DidCommException} (which the {@link Dispatcher} turns into a problem-report).
 */
public interface ProtocolHandler {

    /** The protocol identifier URI, e.g. {@code https://didcomm.org/trust-ping/2.0}. */
    String piuri();

    /** The full message type URIs this handler accepts. */
    Set<String> messageTypes();

    /** The roles this agent plays in the protocol, for discover-features. */
    List<String> roles();

    /** Handles one message; returns the reply to send, if any. */
    Optional<Message> handle(Inbound in) throws DidCommException;
}
