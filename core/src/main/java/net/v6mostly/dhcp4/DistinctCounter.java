package net.v6mostly.dhcp4;

import java.nio.charset.StandardCharsets;

/**
 * How many distinct clients were seen, in fixed memory whatever a flood of made-up MACs sends:
 * exact up to {@value #EXACT} clients (a set of 64-bit hashes of their keys, 64 KiB at most), then
 * a HyperLogLog estimate (Flajolet et al. 2007, with the small-range correction of Heule et al.
 * 2013) over 2<sup>{@value #P}</sup> one-byte registers, standard error 1.04/√16384 ≈ 0.8 %.
 * Feeds the adoption figures of RFC 8925 deployments ({@link Adoption}); single-threaded.
 */
final class DistinctCounter {
    /** Clients counted exactly; beyond, the count is an estimate. */
    static final int EXACT = 4096;
    static final int P = 14;
    private static final int REGISTERS = 1 << P;

    /** Open addressing, 0 = empty (a hash of 0 is stored as 1); null once estimating. */
    private long[] exact = new long[16];
    private int size;
    private byte[] registers;

    /** Counts {@code key} once, however often it comes. */
    void add(String key) {
        long h = hash(key);
        if (registers != null) {
            register(h);
            return;
        }
        if (insert(h) && ++size > EXACT) {
            registers = new byte[REGISTERS];
            for (long e : exact) {
                if (e != 0) {
                    register(e);
                }
            }
            exact = null;
        }
    }

    /** Distinct keys added: exact up to {@value #EXACT}, an estimate beyond. */
    long count() {
        if (registers == null) {
            return size;
        }
        double sum = 0;
        int zeros = 0;
        for (byte r : registers) {
            sum += Math.scalb(1.0, -r);
            zeros += r == 0 ? 1 : 0;
        }
        double m = REGISTERS;
        double estimate = 0.7213 / (1 + 1.079 / m) * m * m / sum;
        if (estimate <= 2.5 * m && zeros > 0) {
            estimate = m * Math.log(m / zeros);     // linear counting for the small range
        }
        return Math.max(EXACT + 1L, Math.round(estimate));
    }

    /** Bytes held, for the bound tests. */
    int footprint() {
        return registers != null ? registers.length : exact.length * Long.BYTES;
    }

    private boolean insert(long h) {
        long v = h == 0 ? 1 : h;
        if (2 * (size + 1) > exact.length && exact.length < 2 * EXACT) {
            long[] old = exact;
            exact = new long[old.length * 2];
            for (long e : old) {
                if (e != 0) {
                    place(e);
                }
            }
        }
        return place(v);
    }

    private boolean place(long v) {
        int mask = exact.length - 1;
        for (int i = (int) (v ^ v >>> 32) & mask;; i = i + 1 & mask) {
            if (exact[i] == v) {
                return false;
            }
            if (exact[i] == 0) {
                exact[i] = v;
                return true;
            }
        }
    }

    private void register(long h) {
        int index = (int) (h >>> 64 - P);
        int rank = Long.numberOfLeadingZeros(h << P | 1L << P - 1) + 1;
        if (rank > registers[index]) {
            registers[index] = (byte) rank;
        }
    }

    /** FNV-1a over the UTF-8 bytes, then the MurmurHash3 finalizer so every bit depends on every byte. */
    static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ h >>> 33;
    }
}
