package net.v6mostly.wire;

/**
 * Named ICMPv6 types and codes (RFC 4443 §3 and §4; Neighbor Discovery types from RFC 4861 §4;
 * Parameter Problem code 3 from RFC 7112 §4; IANA "ICMPv6 Parameters"), so that no translator
 * code writes {@code 1, 5}. The header layout is {@link Icmp6Header}; an answer a drop reason
 * carries is an {@link IcmpAnswer}.
 */
public final class Icmp6 {
    // ---- error types (RFC 4443 §3)
    public static final int DESTINATION_UNREACHABLE = 1;
    /** The second word carries the MTU of the next-hop link (§3.2). */
    public static final int PACKET_TOO_BIG = 2;
    public static final int TIME_EXCEEDED = 3;
    /** The second word carries the pointer to the octet in error (§3.4). */
    public static final int PARAMETER_PROBLEM = 4;

    // ---- informational types (RFC 4443 §4, RFC 2710, RFC 4861 §4)
    public static final int ECHO_REQUEST = 128;
    public static final int ECHO_REPLY = 129;
    public static final int MULTICAST_LISTENER_QUERY = 130;
    public static final int MULTICAST_LISTENER_REPORT = 131;
    public static final int MULTICAST_LISTENER_DONE = 132;
    public static final int ROUTER_SOLICITATION = 133;
    public static final int ROUTER_ADVERTISEMENT = 134;
    public static final int NEIGHBOR_SOLICITATION = 135;
    public static final int NEIGHBOR_ADVERTISEMENT = 136;
    public static final int REDIRECT = 137;

    // ---- Destination Unreachable (type 1) codes, §3.1
    public static final int NO_ROUTE_TO_DESTINATION = 0;
    public static final int COMMUNICATION_ADMINISTRATIVELY_PROHIBITED = 1;
    public static final int BEYOND_SCOPE_OF_SOURCE_ADDRESS = 2;
    public static final int ADDRESS_UNREACHABLE = 3;
    public static final int PORT_UNREACHABLE = 4;
    /** Source address failed ingress/egress policy. */
    public static final int SOURCE_ADDRESS_FAILED_POLICY = 5;
    public static final int REJECT_ROUTE_TO_DESTINATION = 6;

    // ---- Time Exceeded (type 3) codes, §3.3
    public static final int HOP_LIMIT_EXCEEDED_IN_TRANSIT = 0;
    public static final int FRAGMENT_REASSEMBLY_TIME_EXCEEDED = 1;

    // ---- Parameter Problem (type 4) codes, §3.4
    public static final int ERRONEOUS_HEADER_FIELD = 0;
    public static final int UNRECOGNIZED_NEXT_HEADER = 1;
    public static final int UNRECOGNIZED_IPV6_OPTION = 2;
    /** RFC 7112 §4: the first fragment does not hold the whole IPv6 header chain. */
    public static final int FIRST_FRAGMENT_INCOMPLETE_CHAIN = 3;

    private Icmp6() {
    }

    /** Whether {@code type} is an error message (RFC 4443 §2.1: types 0 to 127). */
    public static boolean isError(int type) {
        return type >= 0 && type < ECHO_REQUEST;
    }

    /**
     * Whether {@code type} carries the RFC 4884 length attribute in its second word
     * (RFC 4884 §4.1: Destination Unreachable and Time Exceeded).
     */
    public static boolean carriesLengthAttribute(int type) {
        return type == DESTINATION_UNREACHABLE || type == TIME_EXCEEDED;
    }
}
