package dev.parley.didcomm.protocol.reportproblem;

import dev.parley.didcomm.message.Message;
import dev.parley.didcomm.problem.DidCommException;
import dev.parley.didcomm.protocol.Inbound;
import dev.parley.didcomm.protocol.ProtocolHandler;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/** Receives problem-reports and hands them, with the thread they concern, to the application. Never replies. */
public final class ReportProblemHandler implements ProtocolHandler {

    private final BiConsumer<Message, ProblemReport> sink;

    /** @param sink gets the message (for {@code pthid}, {@code ack}, sender) and the parsed report; must be thread-safe */
    public ReportProblemHandler(BiConsumer<Message, ProblemReport> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public String piuri() {
        return ProblemReport.PIURI;
    }

    @Override
    public Set<String> messageTypes() {
        return Set.of(ProblemReport.TYPE);
    }

    @Override
    public List<String> roles() {
        return List.of("notified");
    }

    @Override
    public Optional<Message> handle(Inbound in) throws DidCommException {
        sink.accept(in.message(), ProblemReport.fromMessage(in.message()));
        return Optional.empty();
    }
}
