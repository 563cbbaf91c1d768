package net.v6mostly.xlat.rfc7757;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import net.v6mostly.addr.Ipv4;

/**
 * The Explicit Address Mapping Table (RFC 7757 §3): immutable, looked up by longest prefix match
 * in either direction (§3.3), consulted before the RFC 6052 algorithm (§4).
 *
 * <p>Entries are kept in two arrays sorted by prefix length, longest first, so a lookup is a
 * short scan over primitives without allocation. A reload builds a new table and swaps it in.
 */
public final class EamTable {
    /** The empty table. */
    public static final EamTable EMPTY = new EamTable(List.of());

    private final List<EamEntry> entries;
    // IPv4 -> IPv6 direction, longest IPv4 prefix first
    private final int[] v4Net;
    private final int[] v4Mask;
    private final long[] v4ToHi;
    private final long[] v4ToLo;
    // IPv6 -> IPv4 direction, longest IPv6 prefix first
    private final long[] v6NetHi;
    private final long[] v6NetLo;
    private final long[] v6MaskHi;
    private final long[] v6MaskLo;
    private final int[] v6To4;
    private final int[] v6SuffixMask;
    private final int[] v4Shift;
    private final int[] v6Shift;

    /**
     * Builds a table.
     *
     * @throws IllegalArgumentException when two entries have the same IPv4 or the same IPv6 prefix,
     *                                  which would make the mapping ambiguous (RFC 7757 §3.3)
     */
    public EamTable(List<EamEntry> entries) {
        this.entries = List.copyOf(entries);
        for (int i = 0; i < this.entries.size(); i++) {
            for (int j = 0; j < i; j++) {
                EamEntry a = this.entries.get(i);
                EamEntry b = this.entries.get(j);
                if (a.ipv4().equals(b.ipv4()) || a.ipv6().equals(b.ipv6())) {
                    throw new IllegalArgumentException("EAM entries '" + b + "' and '" + a
                            + "' share a prefix, so the mapping would be ambiguous (RFC 7757 §3.3)");
                }
            }
        }
        int n = this.entries.size();
        List<EamEntry> by4 = new ArrayList<>(this.entries);
        by4.sort(Comparator.comparingInt((EamEntry e) -> e.ipv4().length()).reversed());
        v4Net = new int[n];
        v4Mask = new int[n];
        v4ToHi = new long[n];
        v4ToLo = new long[n];
        v4Shift = new int[n];
        for (int i = 0; i < n; i++) {
            EamEntry e = by4.get(i);
            v4Net[i] = e.ipv4().address();
            v4Mask[i] = Ipv4.mask(e.ipv4().length());
            v4ToHi[i] = e.ipv6().hi();
            v4ToLo[i] = e.ipv6().lo();
            v4Shift[i] = e.suffixShift();
        }
        List<EamEntry> by6 = new ArrayList<>(this.entries);
        by6.sort(Comparator.comparingInt((EamEntry e) -> e.ipv6().length()).reversed());
        v6NetHi = new long[n];
        v6NetLo = new long[n];
        v6MaskHi = new long[n];
        v6MaskLo = new long[n];
        v6To4 = new int[n];
        v6SuffixMask = new int[n];
        v6Shift = new int[n];
        for (int i = 0; i < n; i++) {
            EamEntry e = by6.get(i);
            v6NetHi[i] = e.ipv6().hi();
            v6NetLo[i] = e.ipv6().lo();
            v6MaskHi[i] = net.v6mostly.addr.Ipv6Prefix.maskHi(e.ipv6().length());
            v6MaskLo[i] = net.v6mostly.addr.Ipv6Prefix.maskLo(e.ipv6().length());
            v6To4[i] = e.ipv4().address();
            v6SuffixMask[i] = ~Ipv4.mask(e.ipv4().length());
            v6Shift[i] = e.suffixShift();
        }
    }

    /** The entries in the order they were given. */
    public List<EamEntry> entries() {
        return entries;
    }

    /** Whether the table has no entry. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Index of the longest IPv4 prefix containing {@code v4}, or -1 (RFC 7757 §3.3). */
    public int find4(int v4) {
        for (int i = 0; i < v4Net.length; i++) {
            if ((v4 & v4Mask[i]) == v4Net[i]) {
                return i;
            }
        }
        return -1;
    }

    /** First 64 bits of the IPv6 address that entry {@code index} (from {@link #find4}) maps {@code v4} to. */
    public long mapHi(int index, int v4) {
        long suffix = v4 & ~v4Mask[index] & 0xFFFF_FFFFL;
        int shift = v4Shift[index];
        long bits = shift >= 64 ? suffix << (shift - 64) : shift == 0 ? 0 : suffix >>> (64 - shift);
        return v4ToHi[index] | bits;
    }

    /** Last 64 bits of the IPv6 address that entry {@code index} maps {@code v4} to: the prefix, then the suffix bits. */
    public long mapLo(int index, int v4) {
        long suffix = v4 & ~v4Mask[index] & 0xFFFF_FFFFL;
        int shift = v4Shift[index];
        return shift >= 64 ? v4ToLo[index] : v4ToLo[index] | suffix << shift;
    }

    /** Index of the longest IPv6 prefix containing {@code (hi, lo)}, or -1 (RFC 7757 §3.3). */
    public int find6(long hi, long lo) {
        for (int i = 0; i < v6NetHi.length; i++) {
            if ((hi & v6MaskHi[i]) == v6NetHi[i] && (lo & v6MaskLo[i]) == v6NetLo[i]) {
                return i;
            }
        }
        return -1;
    }

    /** The IPv4 address that entry {@code index} (from {@link #find6}) maps {@code (hi, lo)} to. */
    public int map4(int index, long hi, long lo) {
        int shift = v6Shift[index];
        long bits = shift >= 64 ? hi >>> (shift - 64) : shift == 0 ? lo : lo >>> shift | hi << (64 - shift);
        return v6To4[index] | ((int) bits & v6SuffixMask[index]);
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
