package net.v6mostly.xlat.rfc6877;

/**
 * Why the CLAT is on or off: the outcome of {@link ClatDecision}, with the rule behind it. Status
 * output and the metrics print the label and the explanation.
 */
public enum ClatReason {
    ON(true, "on", "no native IPv4, IPv6 connectivity and a NAT64 prefix: translating (claton)"),
    ON_FORCED(true, "forced-on", "mode = \"on\": translating whatever the host's IPv4 connectivity"),
    OFF_FORCED(false, "forced-off", "mode = \"off\""),
    OFF_NATIVE_IPV4_ROUTE(false, "native-ipv4-route",
            "an IPv4 default route through another interface: the host has native IPv4 (claton)"),
    OFF_NATIVE_IPV4_LEASE(false, "native-ipv4-lease",
            "a dynamic (DHCPv4-leased) IPv4 address on the uplink: the host has native IPv4 (claton)"),
    OFF_NO_PREF64(false, "no-pref64", "no NAT64 prefix: none configured, none in RAs, none from ipv4only.arpa (RFC 9872)"),
    OFF_NO_IPV6(false, "no-ipv6", "no IPv6 default route on the uplink: no IPv6 connectivity to reach the PLAT"),
    OFF_NO_ADDRESS(false, "no-address", "no autonomous /64 on the uplink to take the CLAT address from, none configured"),
    OFF_DAD_PENDING(false, "dad-pending", "Duplicate Address Detection of the CLAT address is running (RFC 4862 §5.4)"),
    OFF_DAD_FAILED(false, "dad-failed", "every candidate CLAT address was found in use (RFC 7217 §6 IDGEN_RETRIES)");

    private final boolean on;
    private final String label;
    private final String explanation;

    ClatReason(boolean on, String label, String explanation) {
        this.on = on;
        this.label = label;
        this.explanation = explanation;
    }

    /** Whether the CLAT translates in this state. */
    public boolean on() {
        return on;
    }

    /** Short name for metrics and status. */
    public String label() {
        return label;
    }

    /** The rule, in a sentence. */
    public String explanation() {
        return explanation;
    }
}
