package net.v6mostly.dns64;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The cache-hit fast path at the byte level: answers the {@link DnsCache} already gave, kept as
 * finished UDP response bytes and replayed for the same question without parsing the query or
 * building a {@code Message}. A hit copies the stored bytes, sets the query's ID, copies the
 * query's question (so the client sees its own letter case, RFC 4343 §4.1) and lowers every TTL by
 * the time the copy has been kept (RFC 1035 §7.4, as {@link DnsCache} does).
 *
 * <p>Only plain queries take this path: QR 0, opcode QUERY, one question with an uncompressed
 * name, no answer or authority records, and at most an OPT record without options (RFC 6891
 * §6.1.2). The key is the question (lower-cased), the RD, AD and CD bits, the OPT record's fixed
 * part (UDP payload size, version, DO) and whether the client gets synthesis — everything the
 * slow path's answer depends on. Anything else, and every first answer, takes the full path.
 * Entries live no longer than the {@link DnsCache} entry they came from; the table is cleared when
 * it reaches its bound. A new instance comes with every configuration reload.
 */
final class WireAnswers {
    private static final int HEADER = 12;
    private static final int OPT = 41;

    /** A stored response: its bytes, where its TTLs are, when it was stored and for how long it holds. */
    private record Entry(byte[] response, int[] ttlOffsets, long storedNanos, long lifeSeconds) {
    }

    /** A query's cache key: its bytes with a precomputed hash. */
    private record Key(byte[] bytes, int hash) {
        Key(byte[] bytes) {
            this(bytes, Arrays.hashCode(bytes));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final ConcurrentHashMap<Key, Entry> map = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final LongSupplier nanoClock;

    WireAnswers(int maxEntries, LongSupplier nanoClock) {
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    /** The response to {@code query} from a stored copy, or null when there is none (take the full path). */
    byte[] answer(byte[] query, int length, boolean synth) {
        int end = plainQueryEnd(query, length);
        if (end < 0) {
            return null;
        }
        Key key = key(query, end, synth);
        Entry e = map.get(key);
        if (e == null) {
            return null;
        }
        long age = (nanoClock.getAsLong() - e.storedNanos) / 1_000_000_000L;
        if (age >= e.lifeSeconds) {
            map.remove(key, e);
            return null;
        }
        byte[] out = e.response.clone();
        out[0] = query[0];
        out[1] = query[1];
        int questionEnd = questionEnd(query, length);
        System.arraycopy(query, HEADER, out, HEADER, questionEnd - HEADER);
        for (int off : e.ttlOffsets) {
            long ttl = u32(out, off);
            putU32(out, off, Math.max(0, ttl - age));
        }
        return out;
    }

    /**
     * Keeps {@code response}, the full path's answer to {@code query} that came from the cache, for
     * at most {@code lifeSeconds}; does nothing for queries or responses the fast path cannot replay.
     */
    void store(byte[] query, int length, boolean synth, byte[] response, long lifeSeconds) {
        int end = plainQueryEnd(query, length);
        if (end < 0 || lifeSeconds <= 0 || response.length < HEADER || (response[2] & 0x02) != 0) {
            return;
        }
        int[] ttls = ttlOffsets(response);
        if (ttls == null) {
            return;
        }
        if (map.size() >= maxEntries) {
            map.clear();
        }
        map.put(key(query, end, synth), new Entry(response.clone(), ttls, nanoClock.getAsLong(), lifeSeconds));
    }

    int size() {
        return map.size();
    }

    /**
     * The end of a plain query (see the class comment), or -1 when {@code query} is anything else.
     */
    static int plainQueryEnd(byte[] q, int length) {
        if (length < HEADER + 5 || (q[2] & 0xFA) != 0   // QR 0, opcode 0 (QUERY), TC 0
                || (q[3] & 0xCF) != 0                       // RA, Z and RCODE 0 as in any query
                || u16(q, 4) != 1 || u16(q, 6) != 0 || u16(q, 8) != 0 || u16(q, 10) > 1) {
            return -1;
        }
        int p = questionEnd(q, length);
        if (p < 0) {
            return -1;
        }
        if (u16(q, 10) == 0) {
            return p == length ? p : -1;
        }
        // OPT: root owner, type 41, no options (RDLENGTH 0)
        if (p + 11 != length || q[p] != 0 || u16(q, p + 1) != OPT || u16(q, p + 9) != 0) {
            return -1;
        }
        return length;
    }

    /** The end of the question (name, type, class) at offset 12, or -1 for a compressed or overlong name. */
    static int questionEnd(byte[] q, int length) {
        int p = HEADER;
        int nameLength = 0;
        while (p < length) {
            int label = q[p] & 0xFF;
            if (label == 0) {
                p++;
                return p + 4 <= length && nameLength < 255 ? p + 4 : -1;
            }
            if (label > 63) {
                return -1;   // a compression pointer or a reserved label type: not in a plain query
            }
            nameLength += label + 1;
            p += label + 1;
        }
        return -1;
    }

    /** The key: RD, AD and CD bits, the synthesis flag, the question lower-cased and the OPT record's fixed part. */
    private static Key key(byte[] q, int end, boolean synth) {
        byte[] k = new byte[end - HEADER + 2];
        k[0] = (byte) (q[2] & 0x01);
        k[1] = (byte) ((q[3] & 0x30) | (synth ? 1 : 0));
        for (int i = HEADER; i < end; i++) {
            byte b = q[i];
            k[i - HEADER + 2] = b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;   // length bytes are <= 63: never changed
        }
        return new Key(k);
    }

    /**
     * Where every resource record's TTL sits in {@code r} (the OPT record's TTL field holds flags
     * and is skipped), or null when the response cannot be walked (then it is not stored).
     */
    static int[] ttlOffsets(byte[] r) {
        int qd = u16(r, 4);
        int records = u16(r, 6) + u16(r, 8) + u16(r, 10);
        int p = HEADER;
        for (int i = 0; i < qd; i++) {
            p = skipName(r, p);
            if (p < 0 || p + 4 > r.length) {
                return null;
            }
            p += 4;
        }
        int[] offsets = new int[records];
        int n = 0;
        for (int i = 0; i < records; i++) {
            p = skipName(r, p);
            if (p < 0 || p + 10 > r.length) {
                return null;
            }
            if (u16(r, p) != OPT) {
                offsets[n++] = p + 4;
            }
            int rdLength = u16(r, p + 8);
            p += 10 + rdLength;
            if (p > r.length) {
                return null;
            }
        }
        return p == r.length && n > 0 ? Arrays.copyOf(offsets, n) : null;
    }

    /** The offset after a (possibly compressed) name at {@code p}, or -1. */
    private static int skipName(byte[] r, int p) {
        while (p < r.length) {
            int label = r[p] & 0xFF;
            if (label == 0) {
                return p + 1;
            }
            if ((label & 0xC0) == 0xC0) {
                return p + 2 <= r.length ? p + 2 : -1;
            }
            if (label > 63) {
                return -1;
            }
            p += label + 1;
        }
        return -1;
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) << 8 | b[off + 1] & 0xFF;
    }

    private static long u32(byte[] b, int off) {
        return (long) u16(b, off) << 16 | u16(b, off + 2);
    }

    private static void putU32(byte[] b, int off, long v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
