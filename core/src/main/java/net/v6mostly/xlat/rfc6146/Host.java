package net.v6mostly.xlat.rfc6146;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one IPv6 host holds: its paired pool4 address (RFC 6888 REQ-2, RFC 4787 REQ-2), how many
 * BIB entries (= pool4 ports) and sessions it has for the per-host limits of RFC 6888 REQ-4, and
 * in block mode its port blocks (RFC 7422). Lives while the host has a BIB entry.
 *
 * <p>Its monitor guards everything but {@link #sessions}, an atomic so that adding a session to an
 * existing BIB entry needs only that entry's lock. Lock order: host, then BIB entry, then pool4
 * slots.
 */
final class Host {
    final long hi;
    final long lo;
    /** Index of the paired pool4 address; fixed while the host lives. */
    int addrIndex = -1;
    /** BIB entries per protocol. */
    final int[] bibs = new int[3];
    /** Sessions over all protocols. */
    final AtomicInteger sessions = new AtomicInteger();
    /** Port block numbers per protocol (block mode), {@code blockCount[p]} of them used. */
    final int[][] blocks = new int[3][];
    final int[] blockCount = new int[3];
    boolean dead;

    Host(long hi, long lo) {
        this.hi = hi;
        this.lo = lo;
    }

    int totalBibs() {
        return bibs[0] + bibs[1] + bibs[2];
    }

    /** Takes one session from the quota; false when {@code limit} is reached. */
    boolean tryAddSession(int limit) {
        if (sessions.incrementAndGet() > limit) {
            sessions.decrementAndGet();
            return false;
        }
        return true;
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
