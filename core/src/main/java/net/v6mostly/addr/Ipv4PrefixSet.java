package net.v6mostly.addr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An immutable set of IPv4 prefixes for lookups on the packet path (an operator's {@code deny4}
 * list, DESIGN.md §6): the prefixes are merged into sorted, disjoint address ranges held in two
 * {@code int[]}, so {@link #contains} is a binary search that neither allocates nor boxes.
 */
public final class Ipv4PrefixSet {
    /** Most prefixes one set may hold (a configuration limit, so a lookup stays a handful of steps). */
    public static final int MAX_PREFIXES = 4096;
    /** The set that contains nothing. */
    public static final Ipv4PrefixSet EMPTY = new Ipv4PrefixSet(List.of());

    private final List<Ipv4Prefix> prefixes;
    /** Range starts, ascending as unsigned ints. */
    private final int[] first;
    /** Range ends (inclusive), same order. */
    private final int[] last;

    /** Builds the set; overlapping and adjacent prefixes are merged. */
    public Ipv4PrefixSet(List<Ipv4Prefix> prefixes) {
        if (prefixes.size() > MAX_PREFIXES) {
            throw new IllegalArgumentException("at most " + MAX_PREFIXES + " prefixes, not " + prefixes.size());
        }
        this.prefixes = List.copyOf(prefixes);
        List<Ipv4Prefix> sorted = new ArrayList<>(this.prefixes);
        sorted.sort(Comparator.comparingLong(p -> p.address() & 0xFFFF_FFFFL));
        long[] starts = new long[sorted.size()];
        long[] ends = new long[sorted.size()];
        int n = 0;
        for (Ipv4Prefix p : sorted) {
            long start = p.address() & 0xFFFF_FFFFL;
            long end = start + (1L << (32 - p.length())) - 1;
            if (n > 0 && start <= ends[n - 1] + 1) {
                ends[n - 1] = Math.max(ends[n - 1], end);
            } else {
                starts[n] = start;
                ends[n] = end;
                n++;
            }
        }
        first = new int[n];
        last = new int[n];
        for (int i = 0; i < n; i++) {
            first[i] = (int) starts[i];
            last[i] = (int) ends[i];
        }
    }

    /** Whether {@code address} lies in one of the prefixes. Allocation-free. */
    public boolean contains(int address) {
        int lo = 0;
        int hi = first.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Integer.compareUnsigned(address, first[mid]) < 0) {
                hi = mid - 1;
            } else if (Integer.compareUnsigned(address, last[mid]) > 0) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** Whether the set holds no prefix. */
    public boolean isEmpty() {
        return first.length == 0;
    }

    /** The prefixes as configured. */
    public List<Ipv4Prefix> prefixes() {
        return prefixes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv4PrefixSet other && prefixes.equals(other.prefixes);
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
