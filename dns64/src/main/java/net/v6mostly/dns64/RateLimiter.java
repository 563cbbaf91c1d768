package net.v6mostly.dns64;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * The optional per-client query rate limit, as Unbound's {@code ip-ratelimit}: at most
 * {@code perSecond} queries from one client address in one second; more are dropped unanswered
 * (answering would let a spoofed source turn the limit into a reflector, RFC 5358 §4). Off when
 * {@code perSecond} is 0.
 *
 * <p>Memory is a fixed table of {@value #SLOTS} slots indexed by a hash of the address, never one
 * entry per client ever seen (DESIGN.md §6). A slot holds the current second and its count; a
 * different client that lands on a slot still counting this second shares its count (at worst it
 * is limited a little early, as Unbound's bounded table also does under pressure).
 */
final class RateLimiter {
    /** Slots in the table (8 bytes each: 128 KiB). */
    static final int SLOTS = 1 << 14;
    private static final int STRIPES = 64;
    private final int perSecond;
    private final LongSupplier nanoClock;
    private final long[] windows;   // second << 32 | count
    private final Object[] locks = new Object[STRIPES];

    RateLimiter(int perSecond, LongSupplier nanoClock) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("a rate limit is >= 0 (0: off)");
        }
        this.perSecond = perSecond;
        this.nanoClock = nanoClock;
        this.windows = perSecond == 0 ? new long[0] : new long[SLOTS];
        Arrays.setAll(locks, i -> new Object());
    }

    /** Whether a query from {@code client} may be answered now; counts it when it may. */
    boolean allow(InetAddress client) {
        if (perSecond == 0) {
            return true;
        }
        long key = hash(client.getAddress());
        int slot = (int) (key ^ key >>> 32) & (SLOTS - 1);
        long second = Math.floorDiv(nanoClock.getAsLong(), 1_000_000_000L) & 0x7FFF_FFFFL;
        synchronized (locks[slot & (STRIPES - 1)]) {
            long w = windows[slot];
            long count = (w >>> 32) == second ? w & 0xFFFF_FFFFL : 0;
            if (count >= perSecond) {
                return false;
            }
            windows[slot] = second << 32 | (count + 1);
            return true;
        }
    }

    /** FNV-1a over the address bytes, then mixed (a spread hash: neighbours land apart). */
    private static long hash(byte[] a) {
        long h = 0xcbf29ce484222325L;
        for (byte b : a) {
            h = (h ^ (b & 0xFF)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        return h ^ h >>> 33;
    }
}
