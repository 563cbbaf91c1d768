package net.v6mostly.xlat.rfc7915;

/**
 * MTU arithmetic of Packet Too Big ↔ Fragmentation Needed (RFC 7915 §4.2, §5.2) with the RFC 1191
 * §7 plateau table for routers that report an MTU of zero.
 */
public final class MtuMath {
    /** RFC 1191 §7 Table 7-1 plateaus, largest first. */
    private static final int[] PLATEAUS = {65535, 32000, 17914, 8166, 4352, 2002, 1492, 1006, 508, 296, 68};

    private MtuMath() {
    }

    /** The greatest plateau strictly below {@code totalLength} (RFC 1191 §5), or 68. */
    public static int plateauBelow(int totalLength) {
        for (int plateau : PLATEAUS) {
            if (plateau < totalLength) {
                return plateau;
            }
        }
        return 68;
    }

    /**
     * Packet Too Big MTU for an ICMPv4 Fragmentation Needed (RFC 7915 §4.2): the reported MTU
     * (or the plateau below the inner Total Length when it is zero) plus 20, capped by both
     * next-hop MTUs, and never below 1280 (RFC 8200 §5).
     */
    public static int ptbFromFragNeeded(int reported, int innerTotalLength, int mtu4, int mtu6) {
        int mtu = reported != 0 ? reported : plateauBelow(innerTotalLength);
        int ptb = Math.min(mtu + 20, Math.min(mtu6, mtu4 + 20));
        return Math.max(ptb, 1280);
    }

    /**
     * Fragmentation Needed MTU for an ICMPv6 Packet Too Big (RFC 7915 §5.2): the reported MTU
     * minus 20, capped by the IPv4 next hop and the IPv6 next hop minus 20, at least 68 (RFC 791).
     */
    public static int fragNeededFromPtb(long reported, int mtu4, int mtu6) {
        long mtu = Math.min(reported - 20, Math.min(mtu4, mtu6 - 20));
        return (int) Math.max(Math.min(mtu, 0xFFFF), 68);
    }
}
