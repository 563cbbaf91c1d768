package net.v6mostly.wire;

/**
 * The ICMP error a translator answers a refused packet with: an ICMPv4 (RFC 792) or ICMPv6
 * (RFC 4443 §3) type and code, or {@link #NONE} for a silent drop (RFC 7915 §4.4 and §5.4 say which
 * refusals are answered). A drop reason carries one as a constant built once, so answering costs
 * no allocation; the second word (an MTU, a pointer) depends on the packet and is computed by the
 * sender.
 *
 * @param version 4 for ICMPv4, 6 for ICMPv6, 0 for {@link #NONE}
 * @param type the type ({@link Icmp4}, {@link Icmp6}), -1 for none
 * @param code the code, -1 for none
 */
public record IcmpAnswer(int version, int type, int code) {
    /** No answer: the packet is dropped silently. */
    public static final IcmpAnswer NONE = new IcmpAnswer(0, -1, -1);

    // ---- ICMPv4 answers to IPv4 packets (RFC 7915 §4.4, RFC 6146 §3.5)
    public static final IcmpAnswer V4_HOST_UNREACHABLE =
            icmp4(Icmp4.DESTINATION_UNREACHABLE, Icmp4.HOST_UNREACHABLE);
    public static final IcmpAnswer V4_PORT_UNREACHABLE =
            icmp4(Icmp4.DESTINATION_UNREACHABLE, Icmp4.PORT_UNREACHABLE);
    public static final IcmpAnswer V4_FRAGMENTATION_NEEDED =
            icmp4(Icmp4.DESTINATION_UNREACHABLE, Icmp4.FRAGMENTATION_NEEDED);
    public static final IcmpAnswer V4_SOURCE_ROUTE_FAILED =
            icmp4(Icmp4.DESTINATION_UNREACHABLE, Icmp4.SOURCE_ROUTE_FAILED);
    public static final IcmpAnswer V4_COMMUNICATION_ADMINISTRATIVELY_PROHIBITED =
            icmp4(Icmp4.DESTINATION_UNREACHABLE, Icmp4.COMMUNICATION_ADMINISTRATIVELY_PROHIBITED);
    public static final IcmpAnswer V4_TTL_EXCEEDED =
            icmp4(Icmp4.TIME_EXCEEDED, Icmp4.TTL_EXCEEDED_IN_TRANSIT);

    // ---- ICMPv6 answers to IPv6 packets (RFC 7915 §5.4, RFC 6146 §3.5)
    public static final IcmpAnswer V6_NO_ROUTE =
            icmp6(Icmp6.DESTINATION_UNREACHABLE, Icmp6.NO_ROUTE_TO_DESTINATION);
    public static final IcmpAnswer V6_COMMUNICATION_ADMINISTRATIVELY_PROHIBITED =
            icmp6(Icmp6.DESTINATION_UNREACHABLE, Icmp6.COMMUNICATION_ADMINISTRATIVELY_PROHIBITED);
    public static final IcmpAnswer V6_ADDRESS_UNREACHABLE =
            icmp6(Icmp6.DESTINATION_UNREACHABLE, Icmp6.ADDRESS_UNREACHABLE);
    public static final IcmpAnswer V6_PORT_UNREACHABLE =
            icmp6(Icmp6.DESTINATION_UNREACHABLE, Icmp6.PORT_UNREACHABLE);
    public static final IcmpAnswer V6_SOURCE_ADDRESS_FAILED_POLICY =
            icmp6(Icmp6.DESTINATION_UNREACHABLE, Icmp6.SOURCE_ADDRESS_FAILED_POLICY);
    public static final IcmpAnswer V6_PACKET_TOO_BIG = icmp6(Icmp6.PACKET_TOO_BIG, 0);
    public static final IcmpAnswer V6_HOP_LIMIT_EXCEEDED =
            icmp6(Icmp6.TIME_EXCEEDED, Icmp6.HOP_LIMIT_EXCEEDED_IN_TRANSIT);
    public static final IcmpAnswer V6_ERRONEOUS_HEADER_FIELD =
            icmp6(Icmp6.PARAMETER_PROBLEM, Icmp6.ERRONEOUS_HEADER_FIELD);

    /** Checks the ranges: a version of 4 or 6 with type and code octets, or exactly {@link #NONE}'s fields. */
    public IcmpAnswer {
        boolean none = version == 0 && type == -1 && code == -1;
        boolean some = (version == 4 || version == 6) && (type & ~0xFF) == 0 && (code & ~0xFF) == 0;
        if (!none && !some) {
            throw new IllegalArgumentException("not an ICMP answer: version " + version + " type " + type
                    + " code " + code);
        }
    }

    /** An ICMPv4 answer. */
    public static IcmpAnswer icmp4(int type, int code) {
        return new IcmpAnswer(4, type, code);
    }

    /** An ICMPv6 answer. */
    public static IcmpAnswer icmp6(int type, int code) {
        return new IcmpAnswer(6, type, code);
    }

    /** Whether there is a message to send. */
    public boolean answers() {
        return version != 0;
    }

    @Override
    public String toString() {
        return version == 0 ? "none" : (version == 4 ? "ICMPv4 " : "ICMPv6 ") + type + "/" + code;
    }
}
