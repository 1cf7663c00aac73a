package dev.parley.nat.link;

/** Which local addresses become host candidates. */
public enum HostPolicy {
    /** Every address of every interface that is up, except loopback and IPv6 link-local: production. */
    ALL_INTERFACES,
    /** Loopback only: two agents in one JVM in tests, with no traffic leaving the machine. */
    LOOPBACK_ONLY
}
