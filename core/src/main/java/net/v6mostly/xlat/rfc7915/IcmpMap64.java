package net.v6mostly.xlat.rfc7915;

import net.v6mostly.wire.Icmp4;
import net.v6mostly.wire.Icmp6;

/**
 * ICMPv6 → ICMPv4 type and code translation (RFC 7915 §5.2) and the Parameter Problem pointer
 * table (RFC 7915 §5.2, Figure 6).
 */
public final class IcmpMap64 {
    /** Returned when the message is to be silently dropped. */
    public static final int DROP = -1;

    private IcmpMap64() {
    }

    /** Whether an ICMPv6 type is an error message (RFC 4443 §2.1: types 0..127). */
    public static boolean isError(int type) {
        return type < Icmp6.ECHO_REQUEST;
    }

    /**
     * The ICMPv4 {@code type << 8 | code} for an ICMPv6 message, or {@link #DROP}.
     *
     * <ul>
     * <li>Echo Request/Reply 128/129 → 8/0; MLD, ND and other informational types → drop.</li>
     * <li>Destination Unreachable: 0, 2, 3 → 3/1; 1 → 3/10; 4 → 3/3; others → drop.</li>
     * <li>Packet Too Big → 3/4 (MTU set by the caller).</li>
     * <li>Time Exceeded 3/x → 11/x.</li>
     * <li>Parameter Problem: 0 → 12/0 (pointer from Figure 6); 1 → 3/2; others → drop.</li>
     * </ul>
     */
    public static int translate(int type, int code) {
        return switch (type) {
            case Icmp6.ECHO_REQUEST -> to(Icmp4.ECHO_REQUEST, 0);
            case Icmp6.ECHO_REPLY -> to(Icmp4.ECHO_REPLY, 0);
            case Icmp6.DESTINATION_UNREACHABLE -> switch (code) {
                case Icmp6.NO_ROUTE_TO_DESTINATION, Icmp6.BEYOND_SCOPE_OF_SOURCE_ADDRESS, Icmp6.ADDRESS_UNREACHABLE ->
                    to(Icmp4.DESTINATION_UNREACHABLE, Icmp4.HOST_UNREACHABLE);
                case Icmp6.COMMUNICATION_ADMINISTRATIVELY_PROHIBITED ->
                    to(Icmp4.DESTINATION_UNREACHABLE, Icmp4.HOST_ADMINISTRATIVELY_PROHIBITED);
                case Icmp6.PORT_UNREACHABLE -> to(Icmp4.DESTINATION_UNREACHABLE, Icmp4.PORT_UNREACHABLE);
                default -> DROP;
            };
            case Icmp6.PACKET_TOO_BIG -> code == 0 ? to(Icmp4.DESTINATION_UNREACHABLE, Icmp4.FRAGMENTATION_NEEDED) : DROP;
            // Time Exceeded codes are the same numbers in both (RFC 4443 §3.3, RFC 792)
            case Icmp6.TIME_EXCEEDED -> code <= Icmp6.FRAGMENT_REASSEMBLY_TIME_EXCEEDED ? to(Icmp4.TIME_EXCEEDED, code) : DROP;
            case Icmp6.PARAMETER_PROBLEM -> switch (code) {
                case Icmp6.ERRONEOUS_HEADER_FIELD -> to(Icmp4.PARAMETER_PROBLEM, Icmp4.POINTER_INDICATES_ERROR);
                case Icmp6.UNRECOGNIZED_NEXT_HEADER -> to(Icmp4.DESTINATION_UNREACHABLE, Icmp4.PROTOCOL_UNREACHABLE);
                default -> DROP;
            };
            default -> DROP;
        };
    }

    private static int to(int type4, int code4) {
        return type4 << 8 | code4;
    }

    /** The IPv4 pointer for an IPv6 Parameter Problem pointer (Figure 6), or {@link #DROP}. */
    public static int pointer(int ipv6Pointer) {
        if (ipv6Pointer == 0 || ipv6Pointer == 1) {
            return ipv6Pointer;
        }
        if (ipv6Pointer == 4 || ipv6Pointer == 5) {
            return 2;
        }
        if (ipv6Pointer == 6) {
            return 9;
        }
        if (ipv6Pointer == 7) {
            return 8;
        }
        if (ipv6Pointer >= 8 && ipv6Pointer <= 23) {
            return 12;
        }
        if (ipv6Pointer >= 24 && ipv6Pointer <= 39) {
            return 16;
        }
        return DROP;
    }
}
