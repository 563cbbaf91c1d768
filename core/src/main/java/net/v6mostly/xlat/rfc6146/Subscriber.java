package net.v6mostly.xlat.rfc6146;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One subscriber of RFC 6888 REQ-4/REQ-5: every IPv6 address within one prefix of
 * {@link Nat64Config#subscriberPrefixLength()} bits (a /64 by default), whose BIB entries and
 * sessions count against one quota however many addresses it uses. Its {@link Host}s (one per
 * IPv6 address, for paired pooling, RFC 6888 REQ-2) point at it. Lives while it holds a BIB entry,
 * so memory follows the mappings, never the subscribers ever seen.
 *
 * <p>Its monitor guards {@link #bibs} and {@link #dead}; {@link #sessions} is atomic so that a new
 * session of an existing BIB entry needs only that entry's lock. Lock order: subscriber, host, BIB
 * entry, pool4 slots.
 */
final class Subscriber {
    /** The prefix, host bits zero. */
    final long hi;
    final long lo;
    /** BIB entries of all its hosts and protocols. */
    int bibs;
    /** Sessions over all its BIB entries. */
    final AtomicInteger sessions = new AtomicInteger();
    boolean dead;

    Subscriber(long hi, long lo) {
        this.hi = hi;
        this.lo = lo;
    }

    /** Takes one session from the quota; false when {@code limit} is reached. */
    boolean tryAddSession(int limit) {
        return tryAdd(sessions, limit);
    }

    /** Increments {@code counter} unless it already reached {@code limit}; never exceeds it. */
    static boolean tryAdd(AtomicInteger counter, int limit) {
        while (true) {
            int n = counter.get();
            if (n >= limit) {
                return false;
            }
            if (counter.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** High 64 bits of the mask of a /{@code length}. */
    static long maskHi(int length) {
        return length >= 64 ? -1L : length == 0 ? 0 : -1L << 64 - length;
    }

    /** Low 64 bits of the mask of a /{@code length}. */
    static long maskLo(int length) {
        return length <= 64 ? 0 : length == 128 ? -1L : -1L << 128 - length;
    }

    @Override
    public int hashCode() {
        return Bib.hash(hi, lo, -2);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Subscriber s && s.hi == hi && s.lo == lo || o instanceof Probe p && p.equals(this);
    }

    /** Allocation-free lookup key for the subscriber index. */
    static final class Probe {
        long hi;
        long lo;

        Probe set(long hi, long lo) {
            this.hi = hi;
            this.lo = lo;
            return this;
        }

        @Override
        public int hashCode() {
            return Bib.hash(hi, lo, -2);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Subscriber s && s.hi == hi && s.lo == lo;
        }
    }
}
