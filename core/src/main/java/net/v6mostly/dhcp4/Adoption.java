package net.v6mostly.dhcp4;

/**
 * Who went IPv6-only on one subnet (DESIGN.md §5): distinct clients since start that were sent
 * option 108 and no address (RFC 8925 §3.3), that took an IPv4 lease, and, among the latter,
 * those that asked for option 108 but were given an address because the scope or their
 * reservation does not allow IPv6-only ("dual-stack"). Counted in fixed memory
 * ({@link DistinctCounter}): exact up to 4096 clients per figure, an estimate (±0.8 %) beyond, so
 * a flood of made-up MACs cannot grow them.
 */
public record Adoption(String subnet, long ipv6Only, long ipv4Leased, long dualStack) {
    /** Share of clients that went IPv6-only, 0..1 (0 when nobody was seen). */
    public double ipv6OnlyShare() {
        long all = ipv6Only + ipv4Leased;
        return all == 0 ? 0 : (double) ipv6Only / all;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s: %d IPv6-only, %d IPv4 leases (%d of them dual-stack), %.0f%% IPv6-only",
                subnet, ipv6Only, ipv4Leased, dualStack, 100 * ipv6OnlyShare());
    }
}
