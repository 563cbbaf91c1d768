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

    /**
     * The addresses as workers see them, swapped whole by {@link #update}: {@code byIndex} gives
     * each address a stable index (the index of its {@link Slots}); {@code sorted} and
     * {@code sortedIndex} find an index by address; {@code retired} addresses take no new hosts.
     */
    private record View(int[] byIndex, int[] sorted, int[] sortedIndex, boolean[] retired, Slots[][] slots) {
    }

    private final PortRange[] ranges;
    private volatile View view;

    /**
     * @param addresses pool4 addresses (duplicates are refused)
     * @param tcp TCP port range, e.g. 1024-65535
     * @param udp UDP port range
     * @param icmp ICMP Identifier range
     */
    public Pool4(int[] addresses, PortRange tcp, PortRange udp, PortRange icmp) {
        int[] sorted = checked(addresses);
        this.ranges = new PortRange[] {tcp, udp, icmp};
        Slots[][] slots = new Slots[3][sorted.length];
        for (Slots[] row : slots) {
            for (int i = 0; i < row.length; i++) {
                row[i] = new Slots();
            }
        }
        int[] identity = new int[sorted.length];
        Arrays.setAll(identity, i -> i);
        this.view = new View(sorted, sorted, identity, new boolean[sorted.length], slots);
    }

    private static int[] checked(int[] addresses) {
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
        return sorted;
    }

    /**
     * Changes the address set at run time (SIGHUP) without touching any mapping: new addresses get
     * fresh slots; addresses no longer wanted are <b>retired</b> — they keep their BIB entries and
     * sessions, which translate and expire as before, but take no new hosts; an address wanted
     * again is simply un-retired. Indices never change, so hosts' pairings and owner slots stay valid.
     *
     * @return the addresses added and retired, for the operator's log
     */
    public synchronized String update(int[] wanted) {
        int[] sortedWanted = checked(wanted);
        View v = view;
        int n = v.byIndex.length;
        int[] byIndex = Arrays.copyOf(v.byIndex, n + sortedWanted.length);
        boolean[] retired = new boolean[byIndex.length];
        StringBuilder added = new StringBuilder();
        StringBuilder gone = new StringBuilder();
        for (int i = 0; i < n; i++) {
            retired[i] = Arrays.binarySearch(sortedWanted, v.byIndex[i]) < 0;
            if (retired[i] && !v.retired[i]) {
                gone.append(gone.isEmpty() ? "" : " ").append(Ipv4.format(v.byIndex[i]));
            }
            if (!retired[i] && v.retired[i]) {
                added.append(added.isEmpty() ? "" : " ").append(Ipv4.format(v.byIndex[i]));
            }
        }
        int count = n;
        for (int a : sortedWanted) {
            if (indexIn(v, a) < 0) {
                byIndex[count++] = a;
                added.append(added.isEmpty() ? "" : " ").append(Ipv4.format(a));
            }
        }
        byIndex = Arrays.copyOf(byIndex, count);
        retired = Arrays.copyOf(retired, count);
        Slots[][] slots = new Slots[3][];
        for (int p = 0; p < 3; p++) {
            slots[p] = Arrays.copyOf(v.slots[p], count);
            for (int i = n; i < count; i++) {
                slots[p][i] = new Slots();
            }
        }
        Integer[] order = new Integer[count];
        Arrays.setAll(order, i -> i);
        int[] finalByIndex = byIndex;
        Arrays.sort(order, (x, y) -> Integer.compare(finalByIndex[x], finalByIndex[y]));
        int[] sorted = new int[count];
        int[] sortedIndex = new int[count];
        for (int i = 0; i < count; i++) {
            sorted[i] = byIndex[order[i]];
            sortedIndex[i] = order[i];
        }
        view = new View(byIndex, sorted, sortedIndex, retired, slots);
        return (added.isEmpty() ? "" : "added " + added) + (added.isEmpty() || gone.isEmpty() ? "" : ", ")
                + (gone.isEmpty() ? "" : "retired " + gone + " (their mappings stay until they expire)");
    }

    private static int indexIn(View v, int address) {
        int i = Arrays.binarySearch(v.sorted, address);
        return i >= 0 ? v.sortedIndex[i] : -1;
    }

    /** A pool with the usual ranges: TCP and UDP 1024-65535, ICMP Identifiers 0-65535. */
    public static Pool4 of(int... addresses) {
        return new Pool4(addresses, new PortRange(1024, 65535), new PortRange(1024, 65535), new PortRange(0, 65535));
    }

    /** Number of addresses, retired ones included (indices are 0..size-1). */
    public int size() {
        return view.byIndex.length;
    }

    /** Address at {@code index}. */
    public int address(int index) {
        return view.byIndex[index];
    }

    /** Whether the address at {@code index} was retired by {@link #update} (it takes no new hosts). */
    public boolean isRetired(int index) {
        return view.retired[index];
    }

    /** Index of {@code address}, or -1 when it is not in the pool. Binary search, no allocation. */
    public int indexOf(int address) {
        return indexIn(view, address);
    }

    /** Port range of {@code protocol}. */
    public PortRange range(Protocol protocol) {
        return ranges[protocol.ordinal()];
    }

    Slots slots(int protocol, int addrIndex) {
        return view.slots[protocol][addrIndex];
    }

    /** The BIB entry owning (address, port), or null; lock-free. */
    Bib owner(int protocol, int addrIndex, int port) {
        return (Bib) OWNERS.getAcquire(view.slots[protocol][addrIndex].owners, port);
    }

    static void setOwner(Slots s, int port, Bib bib) {
        OWNERS.setRelease(s.owners, port, bib);
    }

    /** Ports in use for {@code protocol} on the address at {@code addrIndex}. */
    public int used(Protocol protocol, int addrIndex) {
        Slots s = view.slots[protocol.ordinal()][addrIndex];
        synchronized (s) {
            return s.ports.used();
        }
    }
}
