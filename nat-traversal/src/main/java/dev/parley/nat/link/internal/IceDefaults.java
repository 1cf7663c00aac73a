package dev.parley.nat.link.internal;

/**
 * ice4j reads its timers and switches from system properties and Typesafe config; this sets
 * Parley's values once, before the first agent exists, without overriding anything the operator
 * set explicitly. Each value and why is in the module README ("ice4j timers").
 */
final class IceDefaults {
    /** Pacing of connectivity checks (RFC 8445 Ta), ms. ice4j default 20; few pairs here, so check faster. */
    static final long TA_MILLIS = 10;

    private IceDefaults() {
    }

    static synchronized void apply() {
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

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
