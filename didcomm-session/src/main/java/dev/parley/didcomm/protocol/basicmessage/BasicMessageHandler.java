package dev.parley.didcomm.protocol.basicmessage;

import dev.parley.didcomm.message.Message;
import dev.parley.didcomm.problem.DidCommException;
import dev.parley.didcomm.protocol.Inbound;
import dev.parley.didcomm.protocol.ProtocolHandler;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Delivers received basic messages to the application (a chat view). Never replies. */
public final class BasicMessageHandler implements ProtocolHandler {

    private final Consumer<BasicMessage> sink;

    /** @param sink receives each valid message; must be thread-safe and bounded by the application */
    public BasicMessageHandler(Consumer<BasicMessage> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public String piuri() {
        return BasicMessage.PIURI;
    }

    @Override
    public Set<String> messageTypes() {
        return Set.of(BasicMessage.TYPE);
    }

    @Override
    public List<String> roles() {
        return List.of("sender", "receiver");
    }

    @Override
    public Optional<Message> handle(Inbound in) throws DidCommException {
        sink.accept(BasicMessage.fromMessage(in.message()));
        return Optional.empty();
    }
}
