package net.v6mostly.xlat.rfc6146;

/**
 * What the first fragment of a datagram decided, for the fragments after it, which carry no ports
 * (RFC 6146 §3.4 leaves fragment handling to the implementation; RFC 6146 §5.3 asks that the state
 * kept for it be bounded). A translated first fragment records its mapping under the datagram's
 * identity; later fragments of the same datagram are translated with it:
 * <ul>
 *   <li>6→4: (X', Y, Fragment Identification, protocol) → T, the pool4 address;
 *   <li>4→6: (Z, T, IPv4 Identification, protocol) → X', the IPv6 host.
 * </ul>
 * Two direct-mapped tables of {@value #SLOTS} slots each, overwritten on collision, entries valid
 * for {@value #LIFETIME} ms: fixed memory, no allocation. Fragments arriving before their first
 * fragment are not kept (no reassembly); the pipeline drops and counts them. Shared by all workers;
 * fragments are rare, so one monitor guards each table.
 */
public final class FragmentMemory {
    static final int SLOTS = 4096;
    static final long LIFETIME = 30_000;

    private final long[] hi64 = new long[SLOTS];
    private final long[] lo64 = new long[SLOTS];
    private final int[] dst64 = new int[SLOTS];
    private final int[] id64 = new int[SLOTS];
    private final int[] addr64 = new int[SLOTS];
    private final long[] until64 = new long[SLOTS];

    private final int[] src46 = new int[SLOTS];
    private final int[] dst46 = new int[SLOTS];
    private final int[] id46 = new int[SLOTS];
    private final long[] hi46 = new long[SLOTS];
    private final long[] lo46 = new long[SLOTS];
    private final long[] until46 = new long[SLOTS];

    private static int slot(long a, long b, int c, int d) {
        long h = a * 0x9E3779B97F4A7C15L ^ b * 0xC2B2AE3D27D4EB4FL ^ (c * 0x165667B19E3779F9L) ^ d;
        return (int) (h ^ h >>> 29) & (SLOTS - 1);
    }

    /** 6→4: remembers that the datagram (X', Y, id, protocol) left from pool4 address {@code addr4}. */
    public void remember64(long hi, long lo, int dst4, int id, int protocol, int addr4, long now) {
        int i = slot(hi, lo, dst4, id ^ protocol << 24);
        synchronized (hi64) {
            hi64[i] = hi;
            lo64[i] = lo;
            dst64[i] = dst4;
            id64[i] = id ^ protocol << 24;
            addr64[i] = addr4;
            until64[i] = now + LIFETIME;
        }
    }

    /** 6→4: the pool4 address of the datagram, or 0 when its first fragment was not seen (or too long ago). */
    public int recall64(long hi, long lo, int dst4, int id, int protocol, long now) {
        int key = id ^ protocol << 24;
        int i = slot(hi, lo, dst4, key);
        synchronized (hi64) {
            return hi64[i] == hi && lo64[i] == lo && dst64[i] == dst4 && id64[i] == key && until64[i] > now
                    ? addr64[i] : 0;
        }
    }

    /** 4→6: remembers that the datagram (Z, T, id, protocol) goes to the IPv6 host X'. */
    public void remember46(int src4, int dst4, int id, int protocol, long hi, long lo, long now) {
        int key = id & 0xFFFF | protocol << 16;
        int i = slot(src4, dst4, key, 1);
        synchronized (src46) {
            src46[i] = src4;
            dst46[i] = dst4;
            id46[i] = key;
            hi46[i] = hi;
            lo46[i] = lo;
            until46[i] = now + LIFETIME;
        }
    }

    /** 4→6: puts X' of the datagram in {@code w.hi}/{@code w.lo}; false when its first fragment was not seen. */
    public boolean recall46(int src4, int dst4, int id, int protocol, long now, Nat64Worker w) {
        int key = id & 0xFFFF | protocol << 16;
        int i = slot(src4, dst4, key, 1);
        synchronized (src46) {
            if (src46[i] != src4 || dst46[i] != dst4 || id46[i] != key || until46[i] <= now) {
                return false;
            }
            w.hi = hi46[i];
            w.lo = lo46[i];
            return true;
        }
    }
}
