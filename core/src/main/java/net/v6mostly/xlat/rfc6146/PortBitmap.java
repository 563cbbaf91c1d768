package net.v6mostly.xlat.rfc6146;

/**
 * Which ports of one pool4 address and protocol are taken, one bit per port (RFC 6146 §3.5.1.1).
 *
 * <p>Allocation starts at a caller-chosen offset (the unpredictable start of RFC 6056 §3.3.3) and
 * scans 64 ports per step with {@link Long#numberOfTrailingZeros}: a full range of 65 536 ports is
 * 1 024 words, so even the last free port is found in about a thousand word reads, never a
 * per-port loop. 8 KiB per address and protocol. Not thread safe: {@link Pool4} guards it.
 */
final class PortBitmap {
    private final long[] words = new long[1024];
    private int used;

    /** Whether {@code port} is taken. */
    boolean isTaken(int port) {
        return (words[port >>> 6] & 1L << port) != 0;
    }

    /** Takes {@code port}; false when it was already taken. */
    boolean take(int port) {
        int w = port >>> 6;
        long bit = 1L << port;
        if ((words[w] & bit) != 0) {
            return false;
        }
        words[w] |= bit;
        used++;
        return true;
    }

    /** Frees {@code port}. */
    void release(int port) {
        int w = port >>> 6;
        long bit = 1L << port;
        if ((words[w] & bit) != 0) {
            words[w] &= ~bit;
            used--;
        }
    }

    /** Number of ports taken. */
    int used() {
        return used;
    }

    /**
     * Takes a free port in {@code [first, last]}, scanning upward from {@code first + offset}
     * (modulo the range) and wrapping once.
     *
     * @return the port, or -1 when the range is full
     */
    int allocate(int first, int last, int offset) {
        int size = last - first + 1;
        int start = first + Math.floorMod(offset, size);
        int port = scan(start, last);
        if (port < 0 && start > first) {
            port = scan(first, start - 1);
        }
        if (port >= 0) {
            take(port);
        }
        return port;
    }

    /** Lowest free port in {@code [from, to]}, or -1; word at a time. */
    private int scan(int from, int to) {
        int w = from >>> 6;
        int lastWord = to >>> 6;
        long free = ~words[w] & (-1L << (from & 63));
        while (true) {
            if (w == lastWord) {
                free &= -1L >>> (63 - (to & 63));
                return free == 0 ? -1 : (w << 6) + Long.numberOfTrailingZeros(free);
            }
            if (free != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(free);
            }
            free = ~words[++w];
        }
    }

    /** Number of free ports in {@code [first, last]} (slow; for tests and status). */
    int free(int first, int last) {
        int n = 0;
        for (int p = first; p <= last; p++) {
            n += isTaken(p) ? 0 : 1;
        }
        return n;
    }
}
