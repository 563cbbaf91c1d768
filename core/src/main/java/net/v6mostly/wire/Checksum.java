package net.v6mostly.wire;

import java.lang.foreign.MemorySegment;

/**
 * The Internet checksum (RFC 1071): one's complement sums, the IPv4 and IPv6 pseudo-headers
 * (RFC 768, RFC 793, RFC 8200 §8.1), and incremental update (RFC 1624 §3, equation 3).
 *
 * <p>Partial sums are carried unfolded in a {@code long} and folded once at the end.
 */
public final class Checksum {
    private Checksum() {
    }

    /**
     * Adds {@code len} bytes at {@code off} to {@code sum}; an odd last byte is padded with zero.
     * Eight bytes at a time into two accumulators of 32-bit halves (RFC 1071 §2(B): the sum is
     * independent of the word size as long as the carries are folded back), so it stays fast on
     * long payloads (ICMP errors, zero UDP checksums).
     */
    public static long add(long sum, MemorySegment s, long off, int len) {
        long end = off + len;
        long i = off;
        long a = 0;
        long b = 0;
        for (; i + 8 <= end; i += 8) {
            long v = Bytes.i64(s, i);
            a += v >>> 32;
            b += v & 0xFFFF_FFFFL;
        }
        sum += fold32(a) + fold32(b);
        if (i + 4 <= end) {
            sum += Bytes.i32(s, i) & 0xFFFF_FFFFL;
            i += 4;
        }
        if (i + 2 <= end) {
            sum += Bytes.u16(s, i);
            i += 2;
        }
        if (i < end) {
            sum += Bytes.u8(s, i) << 8;
        }
        return sum;
    }

    /** Folds a sum of 32-bit words (at most 2^32 of them) to at most 33 bits. */
    private static long fold32(long v) {
        return (v >>> 32) + (v & 0xFFFF_FFFFL);
    }

    /** Adds a 32-bit value as two 16-bit words. */
    public static long add32(long sum, int v) {
        return sum + (v >>> 16) + (v & 0xFFFF);
    }

    /** Adds a 64-bit value as four 16-bit words. */
    public static long add64(long sum, long v) {
        return sum + (v >>> 48) + ((v >>> 32) & 0xFFFF) + ((v >>> 16) & 0xFFFF) + (v & 0xFFFF);
    }

    /** Folds a partial sum to 16 bits with end-around carry. */
    public static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }

    /** The checksum field value for a partial sum: the one's complement of the folded sum. */
    public static int finish(long sum) {
        return ~fold(sum) & 0xFFFF;
    }

    /** Sum of the IPv4 pseudo-header (RFC 768, RFC 793 §3.1). */
    public static long pseudo4(int src, int dst, int protocol, int length) {
        return add32(add32(0, src), dst) + protocol + length;
    }

    /** Sum of the IPv6 pseudo-header (RFC 8200 §8.1): upper-layer length as 32 bits, next header. */
    public static long pseudo6(long srcHi, long srcLo, long dstHi, long dstLo, int nextHeader, int length) {
        long sum = add64(add64(add64(add64(0, srcHi), srcLo), dstHi), dstLo);
        return add32(sum, length) + nextHeader;
    }

    /**
     * Incremental update (RFC 1624 §3, eqn. 3): {@code HC' = ~(~HC + ~m + m')}, where {@code m} is
     * the sum of the removed words and {@code m'} the sum of the added words.
     *
     * @param checksum the checksum field as it is
     * @param removed  sum of the 16-bit words taken out of the covered data
     * @param added    sum of the 16-bit words put in
     * @return the new checksum field
     */
    public static int update(int checksum, long removed, long added) {
        long sum = (~checksum & 0xFFFF) + (~fold(removed) & 0xFFFF) + fold(added);
        return ~fold(sum) & 0xFFFF;
    }

    /**
     * Incremental update of a checksum field that holds a partial, non-complemented sum (the
     * pseudo-header seed of CHECKSUM_PARTIAL): {@code F' = F + ~m + m'}.
     */
    public static int updatePartial(int field, long removed, long added) {
        return fold((field & 0xFFFF) + (~fold(removed) & 0xFFFF) + fold(added));
    }

    /** Whether the data at {@code off..off+len} plus {@code seed} sums to 0xFFFF, i.e. its checksum verifies. */
    public static boolean verifies(long seed, MemorySegment s, long off, int len) {
        return fold(add(seed, s, off, len)) == 0xFFFF;
    }
}
