package net.v6mostly.xlat.rfc6146;

import java.time.Duration;

/**
 * Session lifetimes of RFC 6146 §4, in milliseconds, validated against the floors the RFCs set:
 * a value below a floor is refused with a message that names the constant and the rule.
 *
 * @param udp UDP session lifetime: UDP_DEFAULT 5 min, never below UDP_MIN 2 min (§4, RFC 4787 REQ-5)
 * @param tcpEstablished TCP_EST: at least 2 h 4 min (§4, RFC 5382 REQ-5)
 * @param tcpTransitory TCP_TRANS: at least 4 min (§4, RFC 5382 REQ-5)
 * @param tcpIncomingSyn TCP_INCOMING_SYN: how long an unsolicited IPv4 SYN is held, at least 6 s (§4)
 * @param icmp ICMP query session lifetime: ICMP_DEFAULT 60 s, never below 60 s (§4, RFC 5508 REQ-1)
 */
public record Timeouts(long udp, long tcpEstablished, long tcpTransitory, long tcpIncomingSyn, long icmp) {
    /** UDP_MIN (RFC 6146 §4). */
    public static final long UDP_MIN = Duration.ofMinutes(2).toMillis();
    /** UDP_DEFAULT (RFC 6146 §4). */
    public static final long UDP_DEFAULT = Duration.ofMinutes(5).toMillis();
    /** TCP_EST floor and default: 2 hours 4 minutes (RFC 6146 §4, RFC 5382 REQ-5). */
    public static final long TCP_EST_MIN = Duration.ofMinutes(124).toMillis();
    /** TCP_TRANS floor and default: 4 minutes (RFC 6146 §4). */
    public static final long TCP_TRANS_MIN = Duration.ofMinutes(4).toMillis();
    /** TCP_INCOMING_SYN: 6 seconds (RFC 6146 §4). */
    public static final long TCP_INCOMING_SYN_MIN = Duration.ofSeconds(6).toMillis();
    /** ICMP_DEFAULT: 60 seconds (RFC 6146 §4), also the floor of RFC 5508 REQ-1. */
    public static final long ICMP_MIN = Duration.ofSeconds(60).toMillis();

    /** The RFC defaults. */
    public static final Timeouts DEFAULTS =
            new Timeouts(UDP_DEFAULT, TCP_EST_MIN, TCP_TRANS_MIN, TCP_INCOMING_SYN_MIN, ICMP_MIN);

    /** Refuses any value below its RFC floor. */
    public Timeouts {
        floor("udp", udp, UDP_MIN, "UDP_MIN is 2 minutes (RFC 6146 §4, RFC 4787 REQ-5)");
        floor("tcp-established", tcpEstablished, TCP_EST_MIN,
                "TCP_EST is at least 2 hours 4 minutes (RFC 6146 §4, RFC 5382 REQ-5)");
        floor("tcp-transitory", tcpTransitory, TCP_TRANS_MIN, "TCP_TRANS is at least 4 minutes (RFC 6146 §4)");
        floor("tcp-incoming-syn", tcpIncomingSyn, TCP_INCOMING_SYN_MIN,
                "TCP_INCOMING_SYN is at least 6 seconds (RFC 6146 §4)");
        floor("icmp", icmp, ICMP_MIN, "ICMP query mappings live at least 60 seconds (RFC 6146 §4, RFC 5508 REQ-1)");
    }

    private static void floor(String key, long value, long min, String rule) {
        if (value < min) {
            throw new IllegalArgumentException(key + " timeout " + value + " ms is below the floor of " + min
                    + " ms: " + rule);
        }
    }

    /** Lifetime of a UDP or ICMP session after a packet (TCP sessions use the state machine's timer). */
    long simple(Protocol protocol) {
        return protocol == Protocol.ICMP ? icmp : udp;
    }
}
