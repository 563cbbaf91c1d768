package net.v6mostly.xlat.rfc6146;

/**
 * The three transports a stateful NAT64 keeps state for (RFC 6146 §3.1): TCP, UDP and ICMP query
 * messages, whose Identifier plays the part of the port (RFC 6146 §3.5.3). Each has its own BIB,
 * session table and pool4 port space.
 */
public enum Protocol {
    /** TCP, IP protocol 6, driven by the §3.5.2 state machine. */
    TCP(6, "tcp"),
    /** UDP, IP protocol 17 (§3.5.1). */
    UDP(17, "udp"),
    /** ICMP query messages (Echo), IP protocol 1 / ICMPv6 58; the Identifier is the port (§3.5.3). */
    ICMP(1, "icmp");

    private static final Protocol[] ALL = values();

    private final int number;
    private final String label;

    Protocol(int number, String label) {
        this.number = number;
        this.label = label;
    }

    /** IPv4 protocol number. */
    public int number() {
        return number;
    }

    /** Lower-case name used in logs and metrics. */
    public String label() {
        return label;
    }

    /** The constant with this ordinal, without the array copy of {@link #values()}. */
    static Protocol of(int ordinal) {
        return ALL[ordinal];
    }
}
