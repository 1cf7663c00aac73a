package dev.parley.mediator.protocol;

import java.util.List;

/** The message type URIs the mediator speaks, and the protocols it discloses. */
public final class MessageTypes {

    public static final String CM2 = "https://didcomm.org/coordinate-mediation/2.0/";
    public static final String CM3 = "https://didcomm.org/coordinate-mediation/3.0/";
    public static final String FORWARD = "https://didcomm.org/routing/2.0/forward";
    public static final String PICKUP3 = "https://didcomm.org/messagepickup/3.0/";
    /** Pickup 4.0 renamed the protocol: {@code message-pickup}, not {@code messagepickup}. */
    public static final String PICKUP4 = "https://didcomm.org/message-pickup/4.0/";
    public static final String TRUST_PING = "https://didcomm.org/trust-ping/2.0/";
    public static final String DISCOVER = "https://didcomm.org/discover-features/2.0/";
    public static final String PROBLEM_REPORT = "https://didcomm.org/report-problem/2.0/problem-report";
    public static final String SHORTEN = "https://didcomm.org/shorten-url/1.0/";
    public static final String EMPTY = "https://didcomm.org/empty/1.0/empty";

    /** Protocol identifiers disclosed by discover-features, with the mediator's role in each. */
    public static final List<Disclosure> PROTOCOLS = List.of(
            new Disclosure("https://didcomm.org/coordinate-mediation/2.0", "mediator"),
            new Disclosure("https://didcomm.org/coordinate-mediation/3.0", "mediator"),
            new Disclosure("https://didcomm.org/routing/2.0", "mediator"),
            new Disclosure("https://didcomm.org/messagepickup/3.0", "mediator"),
            new Disclosure("https://didcomm.org/message-pickup/4.0", "mediator"),
            new Disclosure("https://didcomm.org/trust-ping/2.0", "receiver"),
            new Disclosure("https://didcomm.org/discover-features/2.0", "responder"),
            new Disclosure("https://didcomm.org/report-problem/2.0", "notified"),
            new Disclosure("https://didcomm.org/shorten-url/1.0", "url-shortener"));

    /** A disclosed protocol and the role the mediator plays in it. */
    public record Disclosure(String protocol, String role) {
    }

    private MessageTypes() {
    }
}
