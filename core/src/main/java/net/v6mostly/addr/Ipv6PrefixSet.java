package net.v6mostly.addr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An immutable set of IPv6 prefixes for lookups on the packet path (an operator's
 * {@code allow6-sources} list, DESIGN.md §6): the prefixes are merged into sorted, disjoint
 * 128-bit ranges held in four {@code long[]}, so {@link #contains} is a binary search that
 * neither allocates nor boxes.
 */
public final class Ipv6PrefixSet {
    /** Most prefixes one set may hold (a configuration limit, so a lookup stays a handful of steps). */
    public static final int MAX_PREFIXES = 4096;
    /** The set that contains nothing. */
    public static final Ipv6PrefixSet EMPTY = new Ipv6PrefixSet(List.of());

    private final List<Ipv6Prefix> prefixes;
    private final long[] firstHi;
    private final long[] firstLo;
    private final long[] lastHi;
    private final long[] lastLo;

    /** Builds the set; overlapping prefixes are merged (a prefix inside another one disappears). */
    public Ipv6PrefixSet(List<Ipv6Prefix> prefixes) {
        if (prefixes.size() > MAX_PREFIXES) {
            throw new IllegalArgumentException("at most " + MAX_PREFIXES + " prefixes, not " + prefixes.size());
        }
        this.prefixes = List.copyOf(prefixes);
        List<Ipv6Prefix> sorted = new ArrayList<>(this.prefixes);
        sorted.sort(Comparator.comparing(Ipv6Prefix::hi, Long::compareUnsigned)
                .thenComparing(Ipv6Prefix::lo, Long::compareUnsigned));
        long[] fh = new long[sorted.size()];
        long[] fl = new long[sorted.size()];
        long[] lh = new long[sorted.size()];
        long[] ll = new long[sorted.size()];
        int n = 0;
        for (Ipv6Prefix p : sorted) {
            long endHi = p.hi() | ~Ipv6Prefix.maskHi(p.length());
            long endLo = p.lo() | ~Ipv6Prefix.maskLo(p.length());
            // sorted by start and prefix-aligned: ranges either nest or are disjoint
            if (n > 0 && compare(p.hi(), p.lo(), lh[n - 1], ll[n - 1]) <= 0) {
                if (compare(endHi, endLo, lh[n - 1], ll[n - 1]) > 0) {
                    lh[n - 1] = endHi;
                    ll[n - 1] = endLo;
                }
                continue;
            }
            fh[n] = p.hi();
            fl[n] = p.lo();
            lh[n] = endHi;
            ll[n] = endLo;
            n++;
        }
        firstHi = java.util.Arrays.copyOf(fh, n);
        firstLo = java.util.Arrays.copyOf(fl, n);
        lastHi = java.util.Arrays.copyOf(lh, n);
        lastLo = java.util.Arrays.copyOf(ll, n);
    }

    /** Whether {@code hi:lo} lies in one of the prefixes. Allocation-free. */
    public boolean contains(long hi, long lo) {
        int low = 0;
        int high = firstHi.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (compare(hi, lo, firstHi[mid], firstLo[mid]) < 0) {
                high = mid - 1;
            } else if (compare(hi, lo, lastHi[mid], lastLo[mid]) > 0) {
                low = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** Whether the set holds no prefix. */
    public boolean isEmpty() {
        return firstHi.length == 0;
    }

    /** The prefixes as configured. */
    public List<Ipv6Prefix> prefixes() {
        return prefixes;
    }

    private static int compare(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv6PrefixSet other && prefixes.equals(other.prefixes);
    }

    @Override
    public int hashCode() {
        return prefixes.hashCode();
    }

    @Override
    public String toString() {
        return prefixes.toString();
    }
}
