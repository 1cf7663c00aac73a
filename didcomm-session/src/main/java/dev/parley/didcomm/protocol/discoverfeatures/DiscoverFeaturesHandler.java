package dev.parley.didcomm.protocol.discoverfeatures;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.didcomm.message.InvalidMessageException;
import dev.parley.didcomm.message.Message;
import dev.parley.didcomm.problem.DidCommException;
import dev.parley.didcomm.protocol.Inbound;
import dev.parley.didcomm.protocol.ProtocolHandler;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * discover-features 2.0: answers {@code queries} with a {@code disclose} listing the configured features that
 * match ({@code *} matches any run of characters); unknown feature types are ignored as the spec requires.
 * Queries are bounded in count and pattern length. Received disclosures go to a listener.
 */
public final class DiscoverFeaturesHandler implements ProtocolHandler {

    public static final String PIURI = "https://didcomm.org/discover-features/2.0";
    public static final String QUERIES = PIURI + "/queries";
    public static final String DISCLOSE = PIURI + "/disclose";
    public static final int MAX_QUERIES = 32;
    public static final int MAX_MATCH_CHARS = 256;

    private final List<Feature> features;
    private final Consumer<Message> disclosures;

    /**
     * @param features what this agent is willing to disclose (selective disclosure is the caller's choice)
     * @param disclosures told of every disclose message received; must be thread-safe
     */
    public DiscoverFeaturesHandler(List<Feature> features, Consumer<Message> disclosures) {
        this.features = List.copyOf(features);
        this.disclosures = disclosures;
    }

    /** A query message asking for protocols matching {@code match}. */
    public static Message query(String id, String from, String to, String featureType, String match) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("queries").addObject().put("feature-type", featureType).put("match", match);
        return Message.builder(id, QUERIES).from(from).to(List.of(to)).body(body).build();
    }

    @Override
    public String piuri() {
        return PIURI;
    }

    @Override
    public Set<String> messageTypes() {
        return Set.of(QUERIES, DISCLOSE);
    }

    @Override
    public List<String> roles() {
        return List.of("requester", "responder");
    }

    @Override
    public Optional<Message> handle(Inbound in) throws DidCommException {
        Message m = in.message();
        if (m.type().equals(DISCLOSE)) {
            if (!m.body().path("disclosures").isArray()) {
                throw new InvalidMessageException("disclose lacks a \"disclosures\" array");
            }
            disclosures.accept(m);
            return Optional.empty();
        }
        JsonNode queries = m.body().get("queries");
        if (queries == null || !queries.isArray() || queries.isEmpty()) {
            throw new InvalidMessageException("queries message lacks a non-empty \"queries\" array");
        }
        if (queries.size() > MAX_QUERIES) {
            throw new InvalidMessageException("at most " + MAX_QUERIES + " queries are answered, got " + queries.size());
        }
        Set<Feature> matched = new LinkedHashSet<>();
        for (JsonNode q : queries) {
            JsonNode type = q.get("feature-type");
            JsonNode match = q.get("match");
            if (type == null || !type.isTextual() || match == null || !match.isTextual()) {
                throw new InvalidMessageException("each query needs string \"feature-type\" and \"match\"");
            }
            if (match.textValue().length() > MAX_MATCH_CHARS) {
                throw new InvalidMessageException("query match longer than " + MAX_MATCH_CHARS + " characters");
            }
            for (Feature f : features) {
                if (f.featureType().equals(type.textValue()) && matches(match.textValue(), f.id())) {
                    matched.add(f);
                }
            }
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode out = body.putArray("disclosures");
        for (Feature f : matched) {
            ObjectNode d = out.addObject().put("feature-type", f.featureType()).put("id", f.id());
            if (!f.roles().isEmpty()) {
                ArrayNode roles = d.putArray("roles");
                f.roles().forEach(roles::add);
            }
        }
        return Optional.of(in.reply(DISCLOSE, body));
    }

    /** Glob match where {@code *} matches any run of characters; linear in practice for short patterns. */
    static boolean matches(String pattern, String id) {
        List<String> parts = new ArrayList<>(List.of(pattern.split("\\*", -1)));
        if (parts.size() == 1) {
            return pattern.equals(id);
        }
        if (!id.startsWith(parts.get(0))) {
            return false;
        }
        int pos = parts.get(0).length();
        for (int i = 1; i < parts.size() - 1; i++) {
            int at = id.indexOf(parts.get(i), pos);
            if (at < 0) {
                return false;
            }
            pos = at + parts.get(i).length();
        }
        String last = parts.get(parts.size() - 1);
        return id.length() - pos >= last.length() && id.endsWith(last);
    }
}
