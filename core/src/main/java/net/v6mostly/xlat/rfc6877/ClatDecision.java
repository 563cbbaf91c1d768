package net.v6mostly.xlat.rfc6877;

/**
 * The on/off rule of draft-ietf-v6ops-claton as implemented here (docs/clat.md lists it): the CLAT
 * translates only when the host has no native IPv4 connectivity (no IPv4 default route through
 * another interface, no DHCPv4-leased address on the uplink), has IPv6 connectivity (an IPv6
 * default route on the uplink), knows a NAT64 prefix (RFC 9872) and holds a CLAT address that
 * passed Duplicate Address Detection. The checks run in that order, so the reason names the first
 * condition that fails. {@link ClatMode#ON} skips the routing checks (native IPv4, IPv6 default
 * route: a host with only specific IPv6 routes toward the PLAT), {@link ClatMode#OFF} is off.
 */
public final class ClatDecision {
    private ClatDecision() {
    }

    /** The state of the CLAT address's Duplicate Address Detection. */
    public enum Dad {
        /** No address chosen yet (no /64, none configured). */
        NONE,
        /** DAD is running. */
        PENDING,
        /** DAD passed: the address is ours. */
        DONE,
        /** Every candidate collided. */
        FAILED
    }

    /** Decides. */
    public static ClatReason decide(ClatMode mode, HostState host, boolean havePrefix, Dad dad) {
        if (mode == ClatMode.OFF) {
            return ClatReason.OFF_FORCED;
        }
        if (mode == ClatMode.AUTO && host.ipv4DefaultRoute()) {
            return ClatReason.OFF_NATIVE_IPV4_ROUTE;
        }
        if (mode == ClatMode.AUTO && host.ipv4Lease()) {
            return ClatReason.OFF_NATIVE_IPV4_LEASE;
        }
        if (mode == ClatMode.AUTO && !host.ipv6DefaultRoute()) {
            return ClatReason.OFF_NO_IPV6;
        }
        if (!havePrefix) {
            return ClatReason.OFF_NO_PREF64;
        }
        return switch (dad) {
            case NONE -> ClatReason.OFF_NO_ADDRESS;
            case PENDING -> ClatReason.OFF_DAD_PENDING;
            case FAILED -> ClatReason.OFF_DAD_FAILED;
            case DONE -> mode == ClatMode.ON ? ClatReason.ON_FORCED : ClatReason.ON;
        };
    }
}
