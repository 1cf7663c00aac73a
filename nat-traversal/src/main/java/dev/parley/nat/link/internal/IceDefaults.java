package dev.parley.nat.link.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * ice4j reads its timers and switches from system properties and Typesafe config; this sets
 * Parley's values once, before the first agent exists, without overriding anything the operator
 * set explicitly. Each value and why is in the module README ("ice4j timers").
 *
 * <p>It also quiets ice4j, which logs through java.util.logging: its INFO lines name every
 * candidate and pair (the user's addresses) and its config loader announces itself. The
 * {@code org.ice4j} and {@code org.jitsi} loggers are set to WARNING unless the operator's
 * logging configuration names a level for them ({@code org.ice4j.level=FINE} brings the detail
 * back), and the few warnings that Parley's own choices make ice4j give are dropped ({@link #EXPECTED_WARNINGS}).
 */
final class IceDefaults {
    /** Pacing of connectivity checks (RFC 8445 Ta), ms. ice4j default 20; few pairs here, so check faster. */
    static final long TA_MILLIS = 10;

    /**
     * ice4j warnings that are expected with Parley, by logger: its host harvester is unused because
     * Parley gathers host candidates itself, and a freed agent (the link closed, or its pair lost
     * consent) drops its active socket and may have a check or keepalive left to send.
     */
    static final Map<String, Set<String>> EXPECTED_WARNINGS = Map.of(
            "org.ice4j.ice.Agent", Set.of("No host harvesters available!", "Failed to gather any host candidates!"),
            "org.ice4j.ice.ComponentSocket",
            Set.of("Removing the active socket. Won't be able to send until a new one is elected."),
            "org.ice4j.stack.Connector", Set.of("Can not send message, Connector stopped."));

    /**
     * Held strongly: java.util.logging forgets the level of a logger nobody references. ice4j's
     * config loader logs as plain {@code JitsiConfig}.
     */
    private static final List<Logger> QUIETED = List.of(Logger.getLogger("org.ice4j"), Logger.getLogger("org.jitsi"),
            Logger.getLogger("JitsiConfig"));
    private static final List<Logger> FILTERED = EXPECTED_WARNINGS.keySet().stream().map(Logger::getLogger).toList();
    private static boolean applied;

    private IceDefaults() {
    }

    static synchronized void apply() {
        if (applied) {
            return;
        }
        applied = true;
        quietLogging();
        // Do not probe the AWS metadata address: Parley never runs ICE on a cloud host's behalf.
        setDefault("ice4j.harvest.mapping.aws.enabled", "false");
        // STUN transaction back-off capped at 400 ms instead of 1600 ms: a lost check is retried
        // sooner, so a pair behind cone NATs succeeds in well under a second even with loss.
        setDefault("org.ice4j.MAX_CTRAN_RETRANS_TIMER", "400");
        // First retransmission after 100 ms (the RFC 8489 RTO for a fresh path), stated explicitly.
        setDefault("org.ice4j.FIRST_CTRAN_RETRANS_AFTER", "100");
        // Consent freshness (RFC 7675) every 5 s instead of 15 s: it doubles as the NAT keepalive.
        setDefault("ice4j.consent-freshness.interval", "5 seconds");
        // Do not announce the library in every STUN message.
        setDefault("ice4j.software", "");
        // Free non-selected candidates 1 s after completion instead of 3 s.
        setDefault("ice4j.ice.termination-delay", "1 second");
    }

    private static void quietLogging() {
        LogManager manager = LogManager.getLogManager();
        for (Logger logger : QUIETED) {
            if (manager.getProperty(logger.getName() + ".level") == null && logger.getLevel() == null) {
                logger.setLevel(Level.WARNING);
            }
        }
        for (Logger logger : FILTERED) {
            Set<String> expected = EXPECTED_WARNINGS.get(logger.getName());
            if (logger.getFilter() == null) {
                logger.setFilter(log -> log.getMessage() == null
                        || expected.stream().noneMatch(log.getMessage()::endsWith));
            }
        }
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
