package net.v6mostly.xlat.rfc6146;

/**
 * Chooses the pool4 address and port of a new BIB entry (RFC 6146 §3.5.1.1, §3.5.2.3).
 *
 * <ul>
 *   <li>Paired pooling (RFC 6888 REQ-2): a host keeps the address it was first given while it has
 *       BIB entries; a new host gets the address its keyed hash points at, or the next one with
 *       free ports. When the paired address is full the allocation fails rather than break the
 *       pairing.
 *   <li>Port range preservation (§3.5.1.1): a source port below 1024 gets a port below 1024 when
 *       the range has any, others get one from 1024 up; the other part is the fallback.
 *   <li>Unpredictable ports (RFC 6056 §3.3.3, algorithm 3 in spirit): the scan starts at
 *       F(secret, X', x) + a per-address counter, then proceeds word by word ({@link PortBitmap}).
 *       F is a keyed 64-bit mix, not a cryptographic MAC.
 *   <li>Port blocks (RFC 7422): in block mode a host's ports come from its own blocks of
 *       {@code blockSize} ports; a new block is taken when those are full.
 * </ul>
 * Caller holds the host's monitor; this class takes the slots' monitor.
 */
final class PortAllocator {
    /** No free port on the host's paired address. */
    static final int EXHAUSTED = -1;
    /** The host holds its maximum of blocks and they are full. */
    static final int BLOCK_LIMIT = -2;
    /** RFC 6888 REQ-8: a freed port is not reallocated for at least 120 seconds. */
    static final long HOLD_DOWN = 120_000;

    private final Pool4 pool;
    private final long secret;
    private final int blockSize;
    private final int maxBlocks;

    PortAllocator(Pool4 pool, long secret, int blockSize, int maxBlocks) {
        this.pool = pool;
        this.secret = secret;
        this.blockSize = blockSize;
        this.maxBlocks = maxBlocks;
    }

    static long mix(long z) {
        z = (z ^ z >>> 30) * 0xBF58476D1CE4E5B9L;
        z = (z ^ z >>> 27) * 0x94D049BB133111EBL;
        return z ^ z >>> 31;
    }

    /** Keyed hash of an IPv6 host (and port). */
    int f(long hi, long lo, int port) {
        return (int) mix(secret ^ mix(hi ^ mix(lo ^ port)));
    }

    /** The host's paired address index, choosing one if it has none; -1 if every address is full. */
    int pairedAddress(Host host, int protocol) {
        // a host paired with a retired address moves to a live one (its old mappings stay where they
        // are); in block mode it stays, since its blocks belong to that address
        if (host.addrIndex >= 0 && (blockSize > 0 || !pool.isRetired(host.addrIndex))) {
            return host.addrIndex;
        }
        int n = pool.size();
        int start = Math.floorMod(f(host.hi, host.lo, -1), n);
        Pool4.PortRange r = pool.range(Protocol.of(protocol));
        for (int i = 0; i < n; i++) {
            int a = (start + i) % n;
            if (pool.isRetired(a)) {
                continue;
            }
            Pool4.Slots s = pool.slots(protocol, a);
            synchronized (s) {
                if (s.ports.used() < r.size()) {
                    host.addrIndex = a;
                    return a;
                }
            }
        }
        return -1;
    }

    /**
     * Takes a port for (X', x) on the host's address and records {@code bib}'s future owner slot.
     *
     * @return the port, {@link #EXHAUSTED} or {@link #BLOCK_LIMIT}; {@code events} receives block allocations
     */
    int allocate(Host host, int protocol, int addrIndex, int srcPort, BlockEvents events) {
        Pool4.PortRange r = pool.range(Protocol.of(protocol));
        Pool4.Slots s = pool.slots(protocol, addrIndex);
        synchronized (s) {
            int offset = f(host.hi, host.lo, srcPort) + s.counter++;
            if (blockSize == 0) {
                return inRanges(s, r.first(), r.last(), srcPort, offset);
            }
            int[] mine = host.blocks[protocol];
            for (int i = 0; i < host.blockCount[protocol]; i++) {
                int first = r.first() + mine[i] * blockSize;
                int port = s.ports.allocate(first, first + blockSize - 1, offset);
                if (port >= 0) {
                    return port;
                }
            }
            if (host.blockCount[protocol] >= maxBlocks) {
                return BLOCK_LIMIT;
            }
            int blocks = r.size() / blockSize;
            for (int tries = 0; tries < blocks; tries++) {
                int b = s.blocks.allocate(0, blocks - 1, offset + tries);
                if (b < 0) {
                    return EXHAUSTED;
                }
                int first = r.first() + b * blockSize;
                int port = s.ports.allocate(first, first + blockSize - 1, offset);
                if (port < 0) {
                    continue; // a block full of static entries: keep it taken, try another
                }
                if (mine == null || host.blockCount[protocol] == mine.length) {
                    mine = host.blocks[protocol] = java.util.Arrays.copyOf(mine == null ? new int[0] : mine,
                            Math.max(2, host.blockCount[protocol] * 2));
                }
                mine[host.blockCount[protocol]++] = b;
                events.blockAllocated(addrIndex, first, first + blockSize - 1);
                return port;
            }
            return EXHAUSTED;
        }
    }

    /**
     * Takes exactly {@code port} on the address if it is in the protocol's range and free (per-port
     * mode only: a block belongs to one host). Used to meet a held IPv4 SYN (RFC 6146 §3.5.2.2).
     */
    boolean takeExact(int protocol, int addrIndex, int port) {
        if (blockSize != 0) {
            return false;
        }
        Pool4.PortRange r = pool.range(Protocol.of(protocol));
        if (port < r.first() || port > r.last()) {
            return false;
        }
        Pool4.Slots s = pool.slots(protocol, addrIndex);
        synchronized (s) {
            return s.owners[port] == null && s.ports.take(port);
        }
    }

    private static int inRanges(Pool4.Slots s, int first, int last, int srcPort, int offset) {
        boolean low = srcPort < 1024;
        int lowLast = Math.min(last, 1023);
        int highFirst = Math.max(first, 1024);
        int port = -1;
        if (low && first <= lowLast) {
            port = s.ports.allocate(first, lowLast, offset);
        } else if (!low && highFirst <= last) {
            port = s.ports.allocate(highFirst, last, offset);
        }
        if (port < 0) {
            // §3.5.1.1: if the preferred range is full, another range MAY be used
            port = s.ports.allocate(first, last, offset);
        }
        return port >= 0 ? port : EXHAUSTED;
    }

    /**
     * Gives back a port after the RFC 6888 REQ-8 hold-down: "Once an external port is deallocated,
     * it SHOULD NOT be reallocated to a new mapping until at least 120 seconds have passed". The
     * port stays taken until {@link #releaseHeld} runs after {@code now} + {@link #HOLD_DOWN}
     * (stricter than REQ-8, whose exceptions for the same host and for closed TCP are not taken).
     * In block mode the host's blocks go back once it holds no port of the protocol; their held
     * ports stay taken inside them.
     */
    void release(Host host, int protocol, int addrIndex, int port, BlockEvents events, long now) {
        Pool4.Slots s = pool.slots(protocol, addrIndex);
        synchronized (s) {
            s.hold(port, now + HOLD_DOWN);
            if (blockSize > 0 && host != null && host.bibs[protocol] == 0) {
                Pool4.PortRange r = pool.range(Protocol.of(protocol));
                for (int i = 0; i < host.blockCount[protocol]; i++) {
                    int b = host.blocks[protocol][i];
                    s.blocks.release(b);
                    int first = r.first() + b * blockSize;
                    events.blockReleased(addrIndex, first, first + blockSize - 1);
                }
                host.blockCount[protocol] = 0;
            }
        }
    }

    /** Frees every port whose hold-down ended by {@code now}; returns how many. Called by the sweep. */
    int releaseHeld(long now) {
        int n = 0;
        for (Protocol p : Protocol.values()) {
            for (int a = 0; a < pool.size(); a++) {
                Pool4.Slots s = pool.slots(p.ordinal(), a);
                synchronized (s) {
                    n += s.releaseHeld(now);
                }
            }
        }
        return n;
    }

    /** Receives block allocations for the mapping log. */
    interface BlockEvents {
        void blockAllocated(int addrIndex, int first, int last);

        void blockReleased(int addrIndex, int first, int last);
    }
}
