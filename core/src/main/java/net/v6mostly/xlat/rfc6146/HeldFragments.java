package net.v6mostly.xlat.rfc6146;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Fragments that overtook their first fragment (RFC 6146 §3.4): a non-first fragment carries no
 * ports, so it can only be translated once the first fragment of its datagram has been, and until
 * then it waits here. As long as there is room, an out-of-order fragment is kept; the room is
 * fixed ({@value #ENTRIES} fragments of up to {@value #MAX_LENGTH} bytes, about 1.2 MB, allocated
 * once), so a flood of orphan fragments costs bounded memory (RFC 6146 §5.3) and only displaces
 * other orphans. A held fragment is kept for {@value #HOLD_MILLIS} ms, at least FRAGMENT_MIN
 * (2 s, RFC 6146 §4). Shared by all workers; fragments are rare, so one monitor guards it.
 *
 * <p>Keys are those of {@link FragmentMemory}: 6→4 (X', Y, Fragment Identification, protocol),
 * 4→6 (Z, T, Identification, protocol).
 */
public final class HeldFragments {
    static final int ENTRIES = 128;
    /** The largest fragment kept: a jumbo frame's worth. */
    static final int MAX_LENGTH = 9216;
    static final long HOLD_MILLIS = 5_000;

    private final byte[] data = new byte[ENTRIES * MAX_LENGTH];
    private final int[] length = new int[ENTRIES];          // 0: free
    private final boolean[] v6 = new boolean[ENTRIES];
    private final long[] hi = new long[ENTRIES];
    private final long[] lo = new long[ENTRIES];
    private final int[] addr = new int[ENTRIES];
    private final int[] dst = new int[ENTRIES];
    private final int[] key = new int[ENTRIES];
    private final long[] until = new long[ENTRIES];
    private int held;
    private long expired;

    /** 6→4: keeps the IPv6 fragment of (X' = hi/lo, Y = dst4, id, protocol); false when there is no room. */
    public synchronized boolean hold64(long srcHi, long srcLo, int dst4, int id, int protocol, MemorySegment s,
            long off, int len, long now) {
        return hold(true, srcHi, srcLo, 0, dst4, id ^ protocol << 24, s, off, len, now);
    }

    /** 4→6: keeps the IPv4 fragment of (Z, T, id, protocol); false when there is no room. */
    public synchronized boolean hold46(int src4, int dst4, int id, int protocol, MemorySegment s, long off, int len,
            long now) {
        return hold(false, 0, 0, src4, dst4, id & 0xFFFF | protocol << 16, s, off, len, now);
    }

    private boolean hold(boolean six, long h, long l, int a, int d, int k, MemorySegment s, long off, int len,
            long now) {
        if (len > MAX_LENGTH || len < 1) {
            return false;
        }
        int free = -1;
        for (int i = 0; i < ENTRIES && free < 0; i++) {
            if (length[i] != 0 && until[i] <= now) {
                drop(i);
                expired++;
            }
            if (length[i] == 0) {
                free = i;
            }
        }
        if (free < 0) {
            return false;
        }
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, off, data, free * MAX_LENGTH, len);
        length[free] = len;
        v6[free] = six;
        hi[free] = h;
        lo[free] = l;
        addr[free] = a;
        dst[free] = d;
        key[free] = k;
        until[free] = now + HOLD_MILLIS;
        held++;
        return true;
    }

    /**
     * 6→4: moves one held fragment of the datagram into {@code out} at {@code at}; returns its
     * length, or 0 when none (left) is held. Called until 0 once the first fragment has been translated.
     */
    public synchronized int take64(long srcHi, long srcLo, int dst4, int id, int protocol, MemorySegment out, long at,
            long now) {
        int k = id ^ protocol << 24;
        for (int i = 0; held > 0 && i < ENTRIES; i++) {
            if (length[i] != 0 && v6[i] && hi[i] == srcHi && lo[i] == srcLo && dst[i] == dst4 && key[i] == k) {
                return take(i, out, at, now);
            }
        }
        return 0;
    }

    /** 4→6: as {@link #take64} for the IPv4 fragments of (Z, T, id, protocol). */
    public synchronized int take46(int src4, int dst4, int id, int protocol, MemorySegment out, long at, long now) {
        int k = id & 0xFFFF | protocol << 16;
        for (int i = 0; held > 0 && i < ENTRIES; i++) {
            if (length[i] != 0 && !v6[i] && addr[i] == src4 && dst[i] == dst4 && key[i] == k) {
                return take(i, out, at, now);
            }
        }
        return 0;
    }

    private int take(int i, MemorySegment out, long at, long now) {
        int len = length[i];
        boolean live = until[i] > now;
        if (live) {
            MemorySegment.copy(data, i * MAX_LENGTH, out, ValueLayout.JAVA_BYTE, at, len);
        } else {
            expired++;
        }
        drop(i);
        return live ? len : -1;
    }

    private void drop(int i) {
        length[i] = 0;
        held--;
    }

    /** Drops what outlived its hold; returns how many were dropped since the last call (for the counters). */
    public synchronized long expire(long now) {
        for (int i = 0; held > 0 && i < ENTRIES; i++) {
            if (length[i] != 0 && until[i] <= now) {
                drop(i);
                expired++;
            }
        }
        long n = expired;
        expired = 0;
        return n;
    }

    /** Fragments held now. */
    public synchronized int size() {
        return held;
    }
}
