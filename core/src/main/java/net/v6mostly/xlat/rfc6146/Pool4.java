package net.v6mostly.xlat.rfc6146;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

import net.v6mostly.addr.Ipv4;

/**
 * The NAT64's IPv4 transport addresses (RFC 6146 §3.5.1.1): a set of IPv4 addresses, each with a
 * port range per protocol, and for every address and protocol the {@link Bib} entry that owns each
 * port. The owner array is the (T, t) index of the BIB: a 4→6 lookup is one array read, no hash,
 * no allocation.
 *
 * <p>Memory: 256 KiB of owner references plus 8 KiB of bitmap per address and protocol, paid once,
 * whatever the number of sessions (a /28 pool: 12 MiB). Readers use acquire loads; writers hold the
 * slot's monitor (BIB creation and deletion are the slow path).
 */
public final class Pool4 {
    private static final VarHandle OWNERS = MethodHandles.arrayElementVarHandle(Bib[].class);

    /**
     * Inclusive port (or ICMP Identifier) range.
     *
     * @param first lowest port
     * @param last highest port
     */
    public record PortRange(int first, int last) {
        /** Checks 0 ≤ first ≤ last ≤ 65535. */
        public PortRange {
            if (first < 0 || last > 0xFFFF || first > last) {
                throw new IllegalArgumentException("port range " + first + "-" + last + " is not within 0-65535");
            }
        }

        /** Number of ports. */
        public int size() {
            return last - first + 1;
        }
    }

    /** Per address and protocol: taken ports, taken blocks, owners. */
    static final class Slots {
        final PortBitmap ports = new PortBitmap();
        final PortBitmap blocks = new PortBitmap();
        final Bib[] owners = new Bib[65536];
        int counter;
        /** Freed ports in hold-down (RFC 6888 REQ-8), oldest first: a ring of (port, until). */
        int[] heldPorts = new int[8];
        long[] heldUntil = new long[8];
        int heldHead;
        int heldCount;

        void hold(int port, long until) {
            if (heldCount == heldPorts.length) {
                int[] p = new int[heldPorts.length * 2];
                long[] u = new long[p.length];
                for (int i = 0; i < heldCount; i++) {
                    p[i] = heldPorts[(heldHead + i) % heldPorts.length];
                    u[i] = heldUntil[(heldHead + i) % heldPorts.length];
                }
                heldPorts = p;
                heldUntil = u;
                heldHead = 0;
            }
            int at = (heldHead + heldCount) % heldPorts.length;
            heldPorts[at] = port;
            heldUntil[at] = until;
            heldCount++;
        }

        /** Frees the held ports whose hold-down ended; returns how many. */
        int releaseHeld(long now) {
            int n = 0;
            while (heldCount > 0 && heldUntil[heldHead] <= now) {
                ports.release(heldPorts[heldHead]);
                heldHead = (heldHead + 1) % heldPorts.length;
                heldCount--;
                n++;
            }
            return n;
        }
    }

    private final int[] addresses;
    private final PortRange[] ranges;
    private final Slots[][] slots;

    /**
     * @param addresses pool4 addresses (duplicates are refused)
     * @param tcp TCP port range, e.g. 1024-65535
     * @param udp UDP port range
     * @param icmp ICMP Identifier range
     */
    public Pool4(int[] addresses, PortRange tcp, PortRange udp, PortRange icmp) {
        if (addresses.length == 0) {
            throw new IllegalArgumentException("pool4 needs at least one IPv4 address");
        }
        int[] sorted = addresses.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("pool4 lists " + Ipv4.format(sorted[i]) + " twice");
            }
        }
        this.addresses = sorted;
        this.ranges = new PortRange[] {tcp, udp, icmp};
        this.slots = new Slots[3][sorted.length];
        for (Slots[] row : slots) {
            for (int i = 0; i < row.length; i++) {
                row[i] = new Slots();
            }
        }
    }

    /** A pool with the usual ranges: TCP and UDP 1024-65535, ICMP Identifiers 0-65535. */
    public static Pool4 of(int... addresses) {
        return new Pool4(addresses, new PortRange(1024, 65535), new PortRange(1024, 65535), new PortRange(0, 65535));
    }

    /** Number of addresses. */
    public int size() {
        return addresses.length;
    }

    /** Address at {@code index}. */
    public int address(int index) {
        return addresses[index];
    }

    /** Index of {@code address}, or -1 when it is not in the pool. Binary search, no allocation. */
    public int indexOf(int address) {
        int i = Arrays.binarySearch(addresses, address);
        return i >= 0 ? i : -1;
    }

    /** Port range of {@code protocol}. */
    public PortRange range(Protocol protocol) {
        return ranges[protocol.ordinal()];
    }

    Slots slots(int protocol, int addrIndex) {
        return slots[protocol][addrIndex];
    }

    /** The BIB entry owning (address, port), or null; lock-free. */
    Bib owner(int protocol, int addrIndex, int port) {
        return (Bib) OWNERS.getAcquire(slots[protocol][addrIndex].owners, port);
    }

    static void setOwner(Slots s, int port, Bib bib) {
        OWNERS.setRelease(s.owners, port, bib);
    }

    /** Ports in use for {@code protocol} on the address at {@code addrIndex}. */
    public int used(Protocol protocol, int addrIndex) {
        Slots s = slots[protocol.ordinal()][addrIndex];
        synchronized (s) {
            return s.ports.used();
        }
    }
}
