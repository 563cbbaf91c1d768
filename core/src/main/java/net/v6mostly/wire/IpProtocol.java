package net.v6mostly.wire;

/** IANA Assigned Internet Protocol Numbers that the translator treats specially. */
public final class IpProtocol {
    public static final int HOP_BY_HOP = 0;
    public static final int ICMP = 1;
    public static final int IGMP = 2;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ROUTING = 43;
    public static final int FRAGMENT = 44;
    public static final int ESP = 50;
    public static final int AH = 51;
    public static final int ICMPV6 = 58;
    public static final int NO_NEXT_HEADER = 59;
    public static final int DESTINATION_OPTIONS = 60;
    public static final int MOBILITY = 135;
    public static final int HIP = 139;
    public static final int SHIM6 = 140;

    private IpProtocol() {
    }

    /**
     * Whether {@code nextHeader} is an IPv6 extension header (RFC 8200 §4, and the IANA IPv6
     * Extension Header Types registry), ESP excluded as RFC 7915 §5.1.1 excludes it.
     */
    public static boolean isIpv6Extension(int nextHeader) {
        return switch (nextHeader) {
            case HOP_BY_HOP, ROUTING, FRAGMENT, AH, DESTINATION_OPTIONS, MOBILITY, HIP, SHIM6, 253, 254 -> true;
            default -> false;
        };
    }
}
