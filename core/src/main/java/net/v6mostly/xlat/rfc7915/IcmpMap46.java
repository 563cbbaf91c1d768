package net.v6mostly.xlat.rfc7915;

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
        return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
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
            case 8 -> 128 << 8;
            case 0 -> 129 << 8;
            case 3 -> switch (code) {
                case 0, 1, 5, 6, 7, 8, 11, 12 -> 1 << 8;
                case 2 -> 4 << 8 | 1;
                case 3 -> 1 << 8 | 4;
                case 4 -> 2 << 8;
                case 9, 10, 13, 15 -> 1 << 8 | 1;
                default -> DROP;
            };
            case 11 -> code <= 1 ? 3 << 8 | code : DROP;
            case 12 -> code == 0 || code == 2 ? 4 << 8 : DROP;
            default -> DROP;
        };
    }

    /** The IPv6 pointer for an IPv4 Parameter Problem pointer (Figure 3), or {@link #DROP}. */
    public static int pointer(int ipv4Pointer) {
        return ipv4Pointer >= 0 && ipv4Pointer < POINTER.length ? POINTER[ipv4Pointer] : DROP;
    }
}
