package net.v6mostly.lab;

/**
 * One LAN device of the lab.
 *
 * @param kind what the device is (draft-ietf-v6ops-6mops §3: the three kinds on one LAN)
 * @param name the name the report uses
 * @param ns its network namespace
 * @param iface its LAN interface (unique across the lab: dhcpcd keys its pid and lease files on it)
 * @param staticIpv4 a fixed IPv4 address (the printer), or null to ask DHCPv4
 */
public record Device(Kind kind, String name, String ns, String iface, String staticIpv4) {
    /** The device kinds of an IPv6-mostly network. */
    public enum Kind {
        /** Does not ask for option 108 and has IPv6 off: needs a lease (RFC 8925 §1). */
        IPV4_ONLY("IPv4-only"),
        /** Does not ask for option 108, runs SLAAC too: gets both. */
        DUAL_STACK("dual-stack"),
        /** Asks for option 108, drops IPv4, SLAAC, runs the CLAT (RFC 8925 §3.2, RFC 6877). */
        IPV6_ONLY("IPv6-only capable"),
        /** A fixed IPv4 address and a web page, no IPv6: reached by IPv6-only devices through NAT64. */
        PRINTER("IPv4-only printer"),
        /** A host nobody controls, sending hostile input on the LAN ({@code lab --hostile}, issue 15). */
        HOSTILE("hostile LAN host");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
