package net.v6mostly.xlat.rfc7915;

import net.v6mostly.wire.Icmp4;
import net.v6mostly.wire.Icmp6;

/**
 * ICMPv4 → ICMPv6 type and code translation (RFC 7915 §4.2) and the Parameter Problem pointer
 * table (RFC 7915 §4.2, Figure 3).
 */
public final class IcmpMap46 {
    /** Returned when the message is to be silently dropped. */
    public static final int DROP = -1;

    // Figure 3: IPv4 pointer -> IPv6 pointer; -1 = "n/a"
    private static final int[] POINTER = {
        0, 1, 4, 4, -1, -1, -1, -1, 7, 6, -1, -1, 8, 8, 8, 8, 24, 24, 24, 24,
    };

    private IcmpMap46() {
    }

    /** Whether an ICMPv4 type is an error message that embeds the packet in error (RFC 792). */
    public static boolean isError(int type) {
        return Icmp4.isError(type);
    }

    /**
     * The ICMPv6 {@code type << 8 | code} for an ICMPv4 message, or {@link #DROP}.
     *
     * <ul>
     * <li>Echo Request/Reply 8/0 → 128/129.</li>
     * <li>Destination Unreachable: codes 0, 1, 5, 6, 7, 8, 11, 12 → 1/0; 2 → Parameter Problem 4/1
     * (pointer 6, set by the caller); 3 → 1/4; 4 → Packet Too Big 2/0 (MTU set by the caller);
     * 9, 10, 13, 15 → 1/1; 14 and others → drop.</li>
     * <li>Time Exceeded 11/x → 3/x.</li>
     * <li>Parameter Problem 12/0 and 12/2 → 4/0 (pointer from Figure 3); 12/1 and others → drop.</li>
     * <li>Everything else (timestamps, information, address mask, router messages, redirect,
     * source quench, alternate host address, unknown types) → drop.</li>
     * </ul>
     */
    public static int translate(int type, int code) {
        return switch (type) {
            case Icmp4.ECHO_REQUEST -> to(Icmp6.ECHO_REQUEST, 0);
            case Icmp4.ECHO_REPLY -> to(Icmp6.ECHO_REPLY, 0);
            case Icmp4.DESTINATION_UNREACHABLE -> switch (code) {
                case Icmp4.NET_UNREACHABLE, Icmp4.HOST_UNREACHABLE, Icmp4.SOURCE_ROUTE_FAILED,
                        Icmp4.DESTINATION_NETWORK_UNKNOWN, Icmp4.DESTINATION_HOST_UNKNOWN, Icmp4.SOURCE_HOST_ISOLATED,
                        Icmp4.NETWORK_UNREACHABLE_FOR_TOS, Icmp4.HOST_UNREACHABLE_FOR_TOS ->
                    to(Icmp6.DESTINATION_UNREACHABLE, Icmp6.NO_ROUTE_TO_DESTINATION);
                case Icmp4.PROTOCOL_UNREACHABLE -> to(Icmp6.PARAMETER_PROBLEM, Icmp6.UNRECOGNIZED_NEXT_HEADER);
                case Icmp4.PORT_UNREACHABLE -> to(Icmp6.DESTINATION_UNREACHABLE, Icmp6.PORT_UNREACHABLE);
                case Icmp4.FRAGMENTATION_NEEDED -> to(Icmp6.PACKET_TOO_BIG, 0);
                case Icmp4.NETWORK_ADMINISTRATIVELY_PROHIBITED, Icmp4.HOST_ADMINISTRATIVELY_PROHIBITED,
                        Icmp4.COMMUNICATION_ADMINISTRATIVELY_PROHIBITED, Icmp4.PRECEDENCE_CUTOFF_IN_EFFECT ->
                    to(Icmp6.DESTINATION_UNREACHABLE, Icmp6.COMMUNICATION_ADMINISTRATIVELY_PROHIBITED);
                default -> DROP;
            };
            // Time Exceeded codes are the same numbers in both (RFC 792, RFC 4443 §3.3)
            case Icmp4.TIME_EXCEEDED -> code <= Icmp4.FRAGMENT_REASSEMBLY_TIME_EXCEEDED ? to(Icmp6.TIME_EXCEEDED, code) : DROP;
            case Icmp4.PARAMETER_PROBLEM -> code == Icmp4.POINTER_INDICATES_ERROR || code == Icmp4.BAD_LENGTH
                    ? to(Icmp6.PARAMETER_PROBLEM, Icmp6.ERRONEOUS_HEADER_FIELD) : DROP;
            default -> DROP;
        };
    }

    private static int to(int type6, int code6) {
        return type6 << 8 | code6;
    }

    /** The IPv6 pointer for an IPv4 Parameter Problem pointer (Figure 3), or {@link #DROP}. */
    public static int pointer(int ipv4Pointer) {
        return ipv4Pointer >= 0 && ipv4Pointer < POINTER.length ? POINTER[ipv4Pointer] : DROP;
    }
}
