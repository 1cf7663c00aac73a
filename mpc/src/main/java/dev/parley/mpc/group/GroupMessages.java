package dev.parley.mpc.group;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.didcomm.message.InvalidMessageException;
import dev.parley.didcomm.message.Message;
import dev.parley.didcomm.problem.ProblemCode;
import dev.parley.didcomm.protocol.reportproblem.ProblemReport;
import dev.parley.mpc.group.internal.GroupJson;
import dev.parley.mpc.program.ProgramDescriptor;
import java.time.Instant;
import java.util.List;

/** Builds and reads the group protocol's messages ({@link GroupProtocol}). Stateless. */
final class GroupMessages {

    /** What a joiner asks: to run {@code program} (whose fingerprint it states) in the group of {@code pthid}. */
    record JoinRequest(String id, String from, String groupId, ProgramDescriptor program) {
    }

    private GroupMessages() {
    }

    static Message joinRequest(String id, String from, String hostDid, String groupId, ProgramDescriptor program) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("program", GroupJson.descriptor(program));
        body.put("fingerprint", program.fingerprint().hex());
        return Message.builder(id, GroupProtocol.JOIN_REQUEST).from(from).to(List.of(hostDid)).pthid(groupId)
                .body(body).build();
    }

    /** @throws IllegalArgumentException naming the field that is missing, malformed or inconsistent */
    static JoinRequest readJoinRequest(Message m) {
        String from = m.fromDid().orElseThrow(() -> new IllegalArgumentException("a join-request must be authcrypted"));
        JsonNode body = m.body();
        ProgramDescriptor program = GroupJson.readDescriptor(body, "program");
        if (!program.fingerprint().hex().equals(GroupJson.text(body, "fingerprint"))) {
            throw new IllegalArgumentException("the join-request's fingerprint does not match its program");
        }
        GroupInvitation.requireDid(from, "joiner");
        return new JoinRequest(m.id(), from, m.pthid(), program);
    }

    static Message roster(String id, String from, String to, JoinRequest answered, SignedRoster roster) {
        return Message.builder(id, GroupProtocol.ROSTER).from(from).to(List.of(to)).thid(answered.id())
                .pthid(answered.groupId()).body(roster.toJson()).build();
    }

    /** A refusal of {@code request}: a problem-report in the join-request's thread. */
    static Message refusal(String id, String from, Message request, String code, String comment, Instant now) {
        ProblemReport report = new ProblemReport(ProblemCode.parse(code), comment, List.of(), null);
        return report.toMessage(id, request.id(), request.id(), from, request.fromDid().orElseThrow(), now);
    }

    static GroupRefusedException readRefusal(Message m) {
        try {
            ProblemReport r = ProblemReport.fromMessage(m);
            return new GroupRefusedException(r.code().toString(), "the host refused to admit you (" + r.code() + "): "
                    + r.renderedComment());
        } catch (InvalidMessageException e) {
            return new GroupRefusedException(GroupProtocol.BAD_REQUEST, "the host refused to admit you with a"
                    + " malformed problem-report: " + e.getMessage());
        }
    }
}
