package net.v6mostly.dhcp4;

import net.v6mostly.addr.Ipv4;

/**
 * A range of addresses handed out dynamically, {@code first..last} inclusive, with its own
 * Option 108 setting (RFC 8925 §3.3 "for all pools or per pool"): {@link #INHERIT} takes the
 * subnet's, {@link Subnet#V6ONLY_OFF} turns it off, a value of 0 or more sends that V6ONLY_WAIT.
 */
public record Pool(int first, int last, long v6OnlyWait) {
    /** Take the subnet's Option 108 setting. */
    public static final long INHERIT = -2;

    public Pool {
        if (Integer.compareUnsigned(first, last) > 0) {
            throw new IllegalArgumentException("pool " + Ipv4.format(first) + "-" + Ipv4.format(last)
                    + ": the first address is after the last");
        }
        if (v6OnlyWait < INHERIT || v6OnlyWait > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("V6ONLY_WAIT must be 0..4294967295 seconds (RFC 8925 §3.1)");
        }
    }

    /** A pool that inherits the subnet's Option 108 setting. */
    public Pool(int first, int last) {
        this(first, last, INHERIT);
    }

    /** Whether {@code a} lies in the range. */
    public boolean contains(int a) {
        return Integer.compareUnsigned(a, first) >= 0 && Integer.compareUnsigned(a, last) <= 0;
    }

    /** Number of addresses. */
    public long size() {
        return Integer.toUnsignedLong(last) - Integer.toUnsignedLong(first) + 1;
    }

    @Override
    public String toString() {
        return Ipv4.format(first) + "-" + Ipv4.format(last);
    }
}
