package net.v6mostly.xlat.rfc7915;

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
        return type < 128;
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
            case 128 -> 8 << 8;
            case 129 -> 0;
            case 1 -> switch (code) {
                case 0, 2, 3 -> 3 << 8 | 1;
                case 1 -> 3 << 8 | 10;
                case 4 -> 3 << 8 | 3;
                default -> DROP;
            };
            case 2 -> code == 0 ? 3 << 8 | 4 : DROP;
            case 3 -> code <= 1 ? 11 << 8 | code : DROP;
            case 4 -> switch (code) {
                case 0 -> 12 << 8;
                case 1 -> 3 << 8 | 2;
                default -> DROP;
            };
            default -> DROP;
        };
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
