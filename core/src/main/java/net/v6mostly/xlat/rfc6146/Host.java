package net.v6mostly.xlat.rfc6146;

/**
 * What one IPv6 address holds: its paired pool4 address (RFC 6888 REQ-2, RFC 4787 REQ-2: pairing is
 * per internal address), how many BIB entries it has per protocol, and in block mode its port
 * blocks (RFC 7422). Quotas are its {@link Subscriber}'s (RFC 6888 REQ-4/REQ-5). Lives while it has
 * a BIB entry.
 *
 * <p>Its monitor guards everything. Lock order: subscriber, host, BIB entry, pool4 slots.
 */
final class Host {
    final long hi;
    final long lo;
    /** The subscriber (IPv6 prefix) whose quotas this address uses. */
    final Subscriber subscriber;
    /** Index of the paired pool4 address; fixed while the host lives. */
    int addrIndex = -1;
    /** BIB entries per protocol. */
    final int[] bibs = new int[3];
    /** Port block numbers per protocol (block mode), {@code blockCount[p]} of them used. */
    final int[][] blocks = new int[3][];
    final int[] blockCount = new int[3];
    boolean dead;

    Host(long hi, long lo, Subscriber subscriber) {
        this.hi = hi;
        this.lo = lo;
        this.subscriber = subscriber;
    }

    int totalBibs() {
        return bibs[0] + bibs[1] + bibs[2];
    }

    @Override
    public int hashCode() {
        return Bib.hash(hi, lo, -1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Host h && h.hi == hi && h.lo == lo || o instanceof HostProbe p && p.equals(this);
    }

    /** Allocation-free lookup key for the host index. */
    static final class HostProbe {
        long hi;
        long lo;

        HostProbe set(long hi, long lo) {
            this.hi = hi;
            this.lo = lo;
            return this;
        }

        @Override
        public int hashCode() {
            return Bib.hash(hi, lo, -1);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Host h && h.hi == hi && h.lo == lo;
        }
    }
}
