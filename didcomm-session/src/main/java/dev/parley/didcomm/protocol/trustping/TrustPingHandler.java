package dev.parley.didcomm.protocol.trustping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parley.didcomm.message.InvalidMessageException;
import dev.parley.didcomm.message.Message;
import dev.parley.didcomm.problem.DidCommException;
import dev.parley.didcomm.protocol.Inbound;
import dev.parley.didcomm.protocol.ProtocolHandler;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * trust-ping 2.0 receiver and sender side: answers a {@code ping} with a {@code ping-response} in the same
 * thread unless {@code response_requested} is false; reports each {@code ping-response} to a listener.
 */
public final class TrustPingHandler implements ProtocolHandler {

    public static final String PIURI = "https://didcomm.org/trust-ping/2.0";
    public static final String PING = PIURI + "/ping";
    public static final String PING_RESPONSE = PIURI + "/ping-response";

    private final Consumer<Message> responses;

    /** @param responses told of every ping-response received (thread-safe); its {@code thid} names the ping */
    public TrustPingHandler(Consumer<Message> responses) {
        this.responses = responses;
    }

    /** A ping from {@code from} to {@code to}. */
    public static Message ping(String id, String from, String to, boolean responseRequested) {
        return Message.builder(id, PING).from(from).to(List.of(to))
                .body(JsonNodeFactory.instance.objectNode().put("response_requested", responseRequested)).build();
    }

    @Override
    public String piuri() {
        return PIURI;
    }

    @Override
    public Set<String> messageTypes() {
        return Set.of(PING, PING_RESPONSE);
    }

    @Override
    public List<String> roles() {
        return List.of("sender", "receiver");
    }

    @Override
    public Optional<Message> handle(Inbound in) throws DidCommException {
        Message m = in.message();
        if (m.type().equals(PING_RESPONSE)) {
            if (m.thid() == null) {
                throw new InvalidMessageException("ping-response lacks the thid of the ping it answers");
            }
            responses.accept(m);
            return Optional.empty();
        }
        JsonNode rr = m.body().get("response_requested");
        if (rr != null && !rr.isNull() && !rr.isBoolean()) {
            throw new InvalidMessageException("ping response_requested must be true or false");
        }
        if (rr != null && rr.isBoolean() && !rr.booleanValue()) {
            return Optional.empty();
        }
        return Optional.of(in.reply(PING_RESPONSE, JsonNodeFactory.instance.objectNode()));
    }
}
