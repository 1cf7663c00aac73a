package dev.parley.didcomm.protocol;

import dev.parley.didcomm.envelope.Unpacked;
import dev.parley.didcomm.message.Message;
import dev.parley.didcomm.problem.DidCommException;
import dev.parley.didcomm.protocol.reportproblem.ProblemReport;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Routes an unpacked message to the handler registered for its exact type URI and returns what to send
 * back. Every {@link DidCommException} from a handler, and an unknown type, becomes a report-problem 2.0
 * reply ({@code pthid} = the message's thread, {@code ack} = its id), except in answer to a problem-report,
 * so two agents can never loop on errors. Immutable and thread-safe if the handlers are.
 */
public final class Dispatcher {

    /** What the dispatcher decided: an optional reply and whether it may use the inbound connection. */
    public record Outcome(Optional<Message> reply, ReturnRoute returnRoute) {
        public Outcome {
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(returnRoute, "returnRoute");
        }
    }

    private final Map<String, ProtocolHandler> byType;
    private final List<ProtocolHandler> handlers;
    private final MessageIds ids;
    private final Clock clock;

    public Dispatcher(List<ProtocolHandler> handlers, MessageIds ids, Clock clock) {
        this.handlers = List.copyOf(handlers);
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
        Map<String, ProtocolHandler> m = new LinkedHashMap<>();
        for (ProtocolHandler h : this.handlers) {
            for (String type : h.messageTypes()) {
                if (!type.startsWith(h.piuri() + "/")) {
                    throw new IllegalArgumentException("message type " + type + " is not in protocol " + h.piuri());
                }
                if (m.putIfAbsent(type, h) != null) {
                    throw new IllegalArgumentException("two handlers for message type " + type);
                }
            }
        }
        this.byType = Map.copyOf(m);
    }

    /** The registered handlers, in registration order. */
    public List<ProtocolHandler> handlers() {
        return handlers;
    }

    /**
     * Dispatches one message received by {@code localDid}.
     *
     * @return the reply (handler answer or problem-report) and the return route the sender asked for
     */
    public Outcome dispatch(Unpacked in, String localDid) {
        Message m = in.message();
        ReturnRoute route;
        try {
            route = ReturnRoute.of(m);
        } catch (DidCommException e) {
            return new Outcome(problemReportFor(e, m, localDid), ReturnRoute.NONE);
        }
        ProtocolHandler h = byType.get(m.type());
        try {
            if (h == null) {
                throw new UnsupportedMessageTypeException("no protocol handler for message type " + m.type());
            }
            return new Outcome(h.handle(new Inbound(m, in.metadata(), localDid, ids, clock)), route);
        } catch (DidCommException e) {
            return new Outcome(problemReportFor(e, m, localDid), route);
        }
    }

    /**
     * The problem-report to send for a failure caused by {@code trigger}, or empty when the trigger is itself
     * a problem-report (never answer an error with an error). The comment is the static text of the code's
     * descriptor; the exception's own message stays local.
     */
    public Optional<Message> problemReportFor(DidCommException e, Message trigger, String localDid) {
        if (trigger != null && ProblemReport.TYPE.equals(trigger.type())) {
            return Optional.empty();
        }
        ProblemReport report = ProblemReport.forCode(e.problemCode());
        String thread = trigger == null ? null : trigger.threadId();
        return Optional.of(report.toMessage(ids.next(), thread, trigger == null ? null : trigger.id(), localDid,
                trigger == null ? null : trigger.from(), clock.instant()));
    }
}
