package net.v6mostly.wire;

/**
 * Named ICMPv4 types and codes (RFC 792; Destination Unreachable codes 6 to 12 from RFC 1122
 * §3.2.2.1, 13 to 15 from RFC 1812 §5.2.7.1; IANA "ICMP Type Numbers"), so that no translator
 * code writes {@code 3, 13}. The header layout is {@link Icmp4Header}; an answer a drop reason
 * carries is an {@link IcmpAnswer}.
 */
public final class Icmp4 {
    // ---- types
    public static final int ECHO_REPLY = 0;
    public static final int DESTINATION_UNREACHABLE = 3;
    public static final int SOURCE_QUENCH = 4;
    public static final int REDIRECT = 5;
    public static final int ECHO_REQUEST = 8;
    public static final int ROUTER_ADVERTISEMENT = 9;
    public static final int ROUTER_SOLICITATION = 10;
    public static final int TIME_EXCEEDED = 11;
    public static final int PARAMETER_PROBLEM = 12;
    public static final int TIMESTAMP = 13;
    public static final int TIMESTAMP_REPLY = 14;
    public static final int INFORMATION_REQUEST = 15;
    public static final int INFORMATION_REPLY = 16;
    public static final int ADDRESS_MASK_REQUEST = 17;
    public static final int ADDRESS_MASK_REPLY = 18;

    // ---- Destination Unreachable (type 3) codes
    public static final int NET_UNREACHABLE = 0;
    public static final int HOST_UNREACHABLE = 1;
    public static final int PROTOCOL_UNREACHABLE = 2;
    public static final int PORT_UNREACHABLE = 3;
    /** Fragmentation needed and DF set; the second word carries the next-hop MTU (RFC 1191 §4). */
    public static final int FRAGMENTATION_NEEDED = 4;
    public static final int SOURCE_ROUTE_FAILED = 5;
    public static final int DESTINATION_NETWORK_UNKNOWN = 6;
    public static final int DESTINATION_HOST_UNKNOWN = 7;
    public static final int SOURCE_HOST_ISOLATED = 8;
    public static final int NETWORK_ADMINISTRATIVELY_PROHIBITED = 9;
    public static final int HOST_ADMINISTRATIVELY_PROHIBITED = 10;
    public static final int NETWORK_UNREACHABLE_FOR_TOS = 11;
    public static final int HOST_UNREACHABLE_FOR_TOS = 12;
    /** RFC 1812 §5.2.7.1: a router cannot forward a packet because of administrative filtering. */
    public static final int COMMUNICATION_ADMINISTRATIVELY_PROHIBITED = 13;
    public static final int HOST_PRECEDENCE_VIOLATION = 14;
    public static final int PRECEDENCE_CUTOFF_IN_EFFECT = 15;

    // ---- Time Exceeded (type 11) codes
    public static final int TTL_EXCEEDED_IN_TRANSIT = 0;
    public static final int FRAGMENT_REASSEMBLY_TIME_EXCEEDED = 1;

    // ---- Parameter Problem (type 12) codes
    /** The pointer octet of the second word names the octet in error (RFC 792). */
    public static final int POINTER_INDICATES_ERROR = 0;
    public static final int MISSING_REQUIRED_OPTION = 1;
    public static final int BAD_LENGTH = 2;

    private Icmp4() {
    }

    /**
     * Whether {@code type} is an error message that embeds the datagram in error (RFC 792:
     * Destination Unreachable, Source Quench, Redirect, Time Exceeded, Parameter Problem).
     */
    public static boolean isError(int type) {
        return type == DESTINATION_UNREACHABLE || type == SOURCE_QUENCH || type == REDIRECT
                || type == TIME_EXCEEDED || type == PARAMETER_PROBLEM;
    }

    /**
     * Whether {@code type} carries the RFC 4884 length attribute in its second word
     * (RFC 4884 §4.1: Destination Unreachable, Time Exceeded, Parameter Problem).
     */
    public static boolean carriesLengthAttribute(int type) {
        return type == DESTINATION_UNREACHABLE || type == TIME_EXCEEDED || type == PARAMETER_PROBLEM;
    }
}
