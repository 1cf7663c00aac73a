package dev.parley.didcomm.protocol.reportproblem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.didcomm.message.InvalidMessageException;
import dev.parley.didcomm.message.Message;
import dev.parley.didcomm.problem.ProblemCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A report-problem 2.0 {@code problem-report} body. Immutable.
 *
 * @param code the problem code
 * @param comment human text statically associated with the code (may use {@code {1}}-style args), or null
 * @param args values interpolated into the comment
 * @param escalateTo a URI for help, or null
 */
public record ProblemReport(ProblemCode code, String comment, List<String> args, String escalateTo) {

    public static final String PIURI = "https://didcomm.org/report-problem/2.0";
    public static final String TYPE = PIURI + "/problem-report";

    /** The spec's comments for its descriptor tokens ("Problem Codes"); longest matching prefix wins. */
    private static final Map<String, String> COMMENTS = Map.ofEntries(
            Map.entry("trust", "Failed to achieve required trust."),
            Map.entry("trust.crypto", "Cryptographic operation failed."),
            Map.entry("xfer", "Unable to transport data."),
            Map.entry("did", "DID is unusable."),
            Map.entry("msg", "Bad message."),
            Map.entry("me", "Internal error."),
            Map.entry("me.res", "A required resource is inadequate or unavailable."),
            Map.entry("req", "Circumstances don't satisfy requirements."),
            Map.entry("req.time", "Failed to satisfy timing constraints."),
            Map.entry("legal", "Failed for legal reasons."));

    private static final int MAX_ARGS = 16;

    public ProblemReport {
        Objects.requireNonNull(code, "code");
        args = args == null ? List.of() : List.copyOf(args);
    }

    /** A report for {@code code} with the spec's static comment for its most specific known descriptor. */
    public static ProblemReport forCode(ProblemCode code) {
        List<String> d = code.descriptors();
        String comment = null;
        for (int n = d.size(); n >= 1 && comment == null; n--) {
            comment = COMMENTS.get(String.join(".", d.subList(0, n)));
        }
        return new ProblemReport(code, comment, List.of(), null);
    }

    /** The comment with {@code {n}} replaced by the n-th arg ({@code ?} when missing), extra args appended. */
    public String renderedComment() {
        if (comment == null) {
            return code.toString();
        }
        String out = comment;
        for (int i = 0; i < args.size(); i++) {
            String token = "{" + (i + 1) + "}";
            out = out.contains(token) ? out.replace(token, String.valueOf(args.get(i))) : out + ", " + args.get(i);
        }
        return out.replaceAll("\\{\\d+}", "?");
    }

    /**
     * The report as a message.
     *
     * @param pthid the thread in which the problem occurred (required by the spec; the report's own id if null)
     * @param ack the id of the message that triggered it, or null
     */
    public Message toMessage(String id, String pthid, String ack, String from, String to, Instant created) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("code", code.toString());
        if (comment != null) {
            body.put("comment", comment);
        }
        if (!args.isEmpty()) {
            ArrayNode a = body.putArray("args");
            args.forEach(a::add);
        }
        if (escalateTo != null) {
            body.put("escalate_to", escalateTo);
        }
        Message.Builder b = Message.builder(id, TYPE).pthid(pthid == null ? id : pthid).body(body).createdTime(created);
        if (ack != null) {
            b.header("ack", JsonNodeFactory.instance.arrayNode().add(ack));
        }
        if (from != null) {
            b.from(from);
        }
        if (to != null) {
            b.to(List.of(to));
        }
        return b.build();
    }

    /** Reads a received problem-report, validating its code and bounding its args. */
    public static ProblemReport fromMessage(Message m) throws InvalidMessageException {
        if (!TYPE.equals(m.type())) {
            throw new InvalidMessageException("not a problem-report: " + m.type());
        }
        if (m.pthid() == null) {
            throw new InvalidMessageException("problem-report lacks the required pthid");
        }
        JsonNode body = m.body();
        JsonNode code = body.get("code");
        if (code == null || !code.isTextual()) {
            throw new InvalidMessageException("problem-report lacks a string \"code\"");
        }
        ProblemCode pc;
        try {
            pc = ProblemCode.parse(code.textValue());
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException("problem-report code is malformed: " + e.getMessage(), e);
        }
        List<String> args = new ArrayList<>();
        JsonNode a = body.get("args");
        if (a != null && !a.isNull()) {
            if (!a.isArray() || a.size() > MAX_ARGS) {
                throw new InvalidMessageException("problem-report args must be an array of at most " + MAX_ARGS);
            }
            a.forEach(v -> args.add(v.isNull() ? null : v.asText()));
        }
        return new ProblemReport(pc, text(body, "comment"), args, text(body, "escalate_to"));
    }

    private static String text(JsonNode body, String field) throws InvalidMessageException {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidMessageException("problem-report " + field + " must be a string");
        }
        return v.textValue();
    }
}
