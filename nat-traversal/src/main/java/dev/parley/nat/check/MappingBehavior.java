package dev.parley.nat.check;

/** NAT mapping behaviour (RFC 4787 section 4.1) as far as two server ports can tell it. */
public enum MappingBehavior {
    /** The same mapped address towards both server ports: hole punching works. */
    ENDPOINT_INDEPENDENT("endpoint-independent"),
    /** A different mapping per destination (symmetric NAT): direct paths rarely form, use the relay. */
    ENDPOINT_DEPENDENT("endpoint-dependent"),
    /** UDP did not work, or the server has no second port to compare against. */
    UNKNOWN("unknown");

    private final String label;

    MappingBehavior(String label) {
        this.label = label;
    }

    /** The label used in JSON and on the command line. */
    public String label() {
        return label;
    }
}
