package net.v6mostly.datapath;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.function.LongSupplier;

import net.v6mostly.linux.Libc;
import net.v6mostly.stats.Counters;
import net.v6mostly.stats.InputFaults;
import net.v6mostly.tun.PacketSlots;
import net.v6mostly.tun.TunDrop;
import net.v6mostly.tun.TunQueue;
import net.v6mostly.wire.IpVersion;
import net.v6mostly.wire.Ipv4Header;
import net.v6mostly.wire.VirtioNetHeader;
import net.v6mostly.xlat.Offload;
import net.v6mostly.xlat.PacketSink;
import net.v6mostly.xlat.Side;
import net.v6mostly.xlat.Siit;
import net.v6mostly.xlat.SiitSettings;
import net.v6mostly.xlat.Translator;

/**
 * One data-path thread (DESIGN.md §3.6): reads packets from its TUN file descriptor into a buffer
 * it owns, translates each in place with its own {@link Siit}, and writes what comes out back to
 * the same descriptor.
 *
 * <p>Reads are batched ({@link TunQueue#read}): up to {@value #MAX_BATCH} packets are read while
 * the queue has them (never waiting for more), then each is translated where it landed; then the
 * batch is written ({@link TunQueue#write}), with consecutive UDP datagrams of one flow joined into
 * one UDP GSO super-packet when the device has offloads ({@link UdpCoalescer}). With a virtio-net
 * header, the header of every in-place translation is fixed by {@link VnetHeaderFix}. The
 * descriptor may be a TUN queue or anything with its packet semantics (a {@code SOCK_SEQPACKET}
 * socket pair in the tests).
 *
 * <p>One packet never stops the worker (DESIGN.md §6): an unexpected exception while translating
 * a packet (or a GSO super-packet), fixing its virtio-net header or joining it with others is
 * recorded in the datapath's {@link InputFaults} ({@link DatapathStat#INTERNAL_ERROR}), whatever
 * that packet had put into the batch is dropped, and the worker goes on with the next one. The
 * try/catch costs nothing on the fast path; only the catch allocates. A failing read(2) (the
 * descriptor is gone: EBADF, EIO) ends the loop with a {@link #failure}.
 */
public final class SiitWorker implements Runnable, PacketSink {
    /** Headroom before each packet: the virtio-net header and 4→6 growth. */
    static final int PACKET_OFFSET = 128;
    /** Largest packet read: a 64 KiB GSO super-packet with its headers. */
    static final int CAPACITY = 65536 + 256;
    /** Most packets read before the batch is written. */
    static final int MAX_BATCH = 64;
    private static final int BATCH_BYTES = 1 << 20;
    private static final int IDLE_POLL_MILLIS = 200;
    private volatile long busyPollNanos;
    private long idleSince;

    private final boolean vnet;
    private final boolean coalesce;
    private final Siit siit;
    private final Translator translator;
    private final LongSupplier clock;
    /** Wall-clock milliseconds read once per batch, when it was read. */
    private long batchNow;
    private final InputFaults faults;
    private final Counters<DatapathStat> counters = new Counters<>(DatapathStat.class);
    private final Arena arena = Arena.ofShared();
    private final TunQueue queue;
    private final PacketSlots slots;
    private final MemorySegment buffer;
    private final MemorySegment joined;
    private final long[] pendingOffset = new long[MAX_BATCH * 2];
    private final int[] pendingLength = new int[MAX_BATCH * 2];
    private int pending;
    private long flushes;
    private volatile boolean running = true;
    private volatile String failure;

    // virtio-net state of the packet being translated, read by emit()
    private long inAt;
    private int inFlags;
    private int inGsoType;
    private int inHdrLen;
    private int inGsoSize;
    private int inCsumStart;
    private int inCsumOffset;
    private boolean inMayFragment;

    /**
     * Creates a worker on {@code fd} with its own translator.
     *
     * @param vnetHeader the device puts a virtio-net header before each packet
     * @param udpGso     the device accepts UDP GSO (TUN_F_USO4/6): join UDP datagrams on write
     */
    public SiitWorker(int fd, boolean vnetHeader, boolean udpGso, SiitSettings settings, InputFaults faults) {
        this(fd, vnetHeader, udpGso, new Siit(settings), faults);
    }

    /**
     * Creates a worker on {@code fd} running another translator over the same I/O loop (the
     * stateful NAT64); {@link #siit()} is then null.
     *
     * @param faults where packets that raised an unexpected exception are counted and reported
     */
    public SiitWorker(int fd, boolean vnetHeader, boolean udpGso, Translator translator, InputFaults faults) {
        this(fd, vnetHeader, udpGso, translator, faults, System::currentTimeMillis);
    }

    /** As above, reading the time of each batch from {@code wallClock} (milliseconds; tests count reads). */
    SiitWorker(int fd, boolean vnetHeader, boolean udpGso, Translator translator, InputFaults faults,
            LongSupplier wallClock) {
        this.clock = wallClock;
        this.vnet = vnetHeader;
        this.coalesce = vnetHeader && udpGso;
        this.siit = translator instanceof Siit s ? s : null;
        this.faults = faults;
        this.translator = translator;
        this.buffer = arena.allocate(BATCH_BYTES, 64);
        this.slots = new PacketSlots(buffer, MAX_BATCH, PACKET_OFFSET, CAPACITY);
        this.joined = arena.allocate(PACKET_OFFSET + UdpCoalescer.MAX_BYTES + 256, 64);
        this.queue = new TunQueue(fd, vnetHeader, arena, this::dropped);
    }

    /** Counts a packet lost at the device boundary. */
    private void dropped(TunDrop reason) {
        counters.increment(DatapathStat.of(reason));
    }

    /**
     * How long the worker keeps reading an empty queue before it sleeps in poll(2), like the
     * kernel's SO_BUSY_POLL: under a steady packet stream it then seldom sleeps, so neither it nor
     * the sender pays a wake-up per burst; 0 (the default) sleeps at once.
     */
    public void busyPoll(long nanos) {
        busyPollNanos = Math.max(0, nanos);
    }

    /** Whether the queue is empty for less than the busy-poll time (the loop then reads again). */
    private boolean keepPolling() {
        long budget = busyPollNanos;
        if (budget == 0) {
            return false;
        }
        long now = System.nanoTime();
        if (idleSince == 0) {
            idleSince = now;
            return true;
        }
        if (now - idleSince < budget) {
            return true;
        }
        idleSince = 0;
        return false;
    }

    /** The stateless translator (its counters, its settings), or null when the worker runs another. */
    public Siit siit() {
        return siit;
    }

    /** The data-path counters. */
    public Counters<DatapathStat> counters() {
        return counters;
    }

    /** Asks the loop to end; it does within {@value #IDLE_POLL_MILLIS} ms. */
    public void stop() {
        running = false;
    }

    /** Why the loop ended on its own, or null. */
    public String failure() {
        return failure;
    }

    @Override
    public void run() {
        try {
            while (running && readBatch()) {
                if (pending > 0) {
                    counters.increment(DatapathStat.BATCHES);
                }
                flush();
            }
        } catch (RuntimeException | Error e) {
            // not a packet's fault (those are caught per packet): the loop itself broke
            failure = "the worker loop failed: " + e;
            throw e;
        } finally {
            arena.close();
        }
    }

    /** Reads and translates up to a batch; false when the loop must end. */
    private boolean readBatch() {
        int count = queue.read(slots);
        if (count == TunQueue.READ_FAILED) {
            counters.increment(DatapathStat.READ_ERROR);
            if (running) {
                int e = queue.lastErrno();
                failure = "read(2) on the TUN failed: " + Libc.strerror(e) + " (errno " + e + ")";
            }
            return false;
        }
        if (count == 0) {
            if (!keepPolling()) {
                queue.awaitReadable(IDLE_POLL_MILLIS);
            }
            return true;
        }
        idleSince = 0;
        batchNow = clock.getAsLong(); // the clock, once per batch (DESIGN.md §3.6)
        for (int i = 0; i < count; i++) {
            translate(slots.offset(i), slots.length(i));
        }
        return true;
    }

    /** Translates the {@code n}-byte packet read at {@code at} (its virtio-net header just before). */
    private void translate(long at, int n) {
        counters.increment(DatapathStat.PACKETS_READ);
        inAt = at;
        int offload = Offload.NONE;
        if (vnet) {
            long h = at - VirtioNetHeader.LENGTH;
            inFlags = VirtioNetHeader.flags(buffer, h);
            inGsoType = VirtioNetHeader.gsoType(buffer, h);
            inHdrLen = VirtioNetHeader.hdrLen(buffer, h);
            inGsoSize = VirtioNetHeader.gsoSize(buffer, h);
            inCsumStart = VirtioNetHeader.csumStart(buffer, h);
            inCsumOffset = VirtioNetHeader.csumOffset(buffer, h);
            // an IPv4 super-packet without DF: its IPv6 segments must fit lowest-ipv6-mtu (RFC 7915
            // §4.1), which a smaller gso_size achieves without fragments
            inMayFragment = IpVersion.of(buffer, at) == IpVersion.V4
                    && (Ipv4Header.flagsOffset(buffer, at) & Ipv4Header.DF) == 0;
            if ((inFlags & VirtioNetHeader.F_NEEDS_CSUM) != 0) {
                offload |= Offload.PARTIAL_CHECKSUM;
                counters.increment(DatapathStat.PARTIAL_CHECKSUM_READ);
            }
            int gso = inGsoType & ~VirtioNetHeader.GSO_ECN;
            if (gso != VirtioNetHeader.GSO_NONE) {
                if (gso == VirtioNetHeader.GSO_UDP) {
                    counters.increment(DatapathStat.UNSUPPORTED_GSO);
                    return;
                }
                offload |= Offload.SEGMENTATION;
                counters.increment(DatapathStat.SEGMENTATION_READ);
            }
        }
        int mark = pending;
        long flushed = flushes;
        try {
            translator.translate(buffer, at, n, batchNow, this, offload);
        } catch (RuntimeException | StackOverflowError e) {
            dropSince(mark, flushed);
            faults.record(e, buffer, at, n, System.nanoTime());
        }
    }

    /**
     * Takes back what the packet that failed had put into the batch: the entries after
     * {@code mark}, or all of them when the batch was written since (it then holds only that
     * packet's). Packets it had already written (an ICMP error, a fragment) are out.
     */
    private void dropSince(int mark, long flushed) {
        pending = flushes == flushed ? Math.min(pending, mark) : 0;
    }

    /**
     * Takes one emitted packet: an in-place translation waits in the batch (its bytes stay where
     * they are until the batch is written); a packet built in the translator's scratch buffer
     * (ICMP error, fragment, hairpin) is written now, after what is already waiting.
     */
    @Override
    public void emit(Side side, MemorySegment packet, long offset, int length) {
        if (packet == buffer) {
            if (vnet) {
                if (inFlags != 0 || inGsoType != 0) {
                    // read here, not before translate(): a reload is installed by translate()
                    SiitSettings s = translator.settings();
                    VnetHeaderFix.write(packet, offset, (int) (inAt - offset), inFlags, inGsoType, inHdrLen, inGsoSize,
                            inCsumStart, inCsumOffset, s.mtu4(),
                            inMayFragment ? Math.min(s.mtu6(), s.lowestIpv6Mtu()) : s.mtu6());
                } else {
                    VirtioNetHeader.writeNone(packet, offset - VirtioNetHeader.LENGTH);
                }
            }
            if (pending == pendingOffset.length) {
                flush();
            }
            pendingOffset[pending] = offset;
            pendingLength[pending] = length;
            pending++;
            return;
        }
        flush();
        if (vnet) {
            VirtioNetHeader.writeNone(packet, offset - VirtioNetHeader.LENGTH);
        }
        written(queue.write(packet, offset, length), 1);
    }

    /**
     * Writes the waiting packets in order, joining UDP runs when the device allows: the packets
     * between runs go out in one {@link TunQueue#write batch write}. A packet whose joining raised
     * an unexpected exception is counted and dropped, the rest are written.
     */
    private void flush() {
        int singles = 0; // first waiting packet not yet written that is not part of a run
        int i = 0;
        while (i < pending) {
            int run = 1;
            try {
                run = coalesce ? udpRun(i) : 1;
                if (run > 1) {
                    writeSingles(singles, i);
                    singles = i;
                    int l3 = UdpCoalescer.joinableHeader(buffer, pendingOffset[i], pendingLength[i], true);
                    int size = pendingLength[i] - l3 - 8;
                    int length = UdpCoalescer.build(buffer, pendingOffset, pendingLength, i, run, l3, size, joined,
                            PACKET_OFFSET);
                    written(queue.write(joined, PACKET_OFFSET, length), run);
                    singles = i + run;
                }
            } catch (RuntimeException | StackOverflowError e) {
                writeSingles(singles, i);
                run = 1;
                singles = i + 1;
                faults.record(e, buffer, pendingOffset[i], pendingLength[i], System.nanoTime());
            }
            i += run;
        }
        writeSingles(singles, pending);
        pending = 0;
        flushes++;
    }

    /** Writes waiting packets {@code from .. to - 1} as they are. */
    private void writeSingles(int from, int to) {
        if (to > from) {
            int n = queue.write(buffer, pendingOffset, pendingLength, from, to - from);
            for (int k = 0; k < n; k++) {
                counters.increment(DatapathStat.PACKETS_WRITTEN);
            }
        }
    }

    /** How many waiting packets from {@code i} on form one joinable UDP run (1 when none). */
    private int udpRun(int i) {
        int flags = vnetFlags(i);
        if (flags < 0) {
            return 1;
        }
        boolean partial = (flags & VirtioNetHeader.F_NEEDS_CSUM) != 0;
        int l3 = UdpCoalescer.joinableHeader(buffer, pendingOffset[i], pendingLength[i], partial);
        if (l3 == 0) {
            return 1;
        }
        int size = pendingLength[i];
        int total = size;
        int run = 1;
        while (i + run < pending && run < UdpCoalescer.MAX_SEGMENTS) {
            int j = i + run;
            int length = pendingLength[j];
            if (length > size || total + length > UdpCoalescer.MAX_BYTES || vnetFlags(j) != flags
                    || UdpCoalescer.joinableHeader(buffer, pendingOffset[j], length, partial) != l3
                    || !UdpCoalescer.sameFlow(buffer, pendingOffset[i], pendingOffset[j], l3)) {
                break;
            }
            total += length;
            run++;
            if (length < size) {
                break; // a shorter datagram can only be the last segment
            }
        }
        return run;
    }

    /** The virtio-net flags of waiting packet {@code i}, or -1 when it is a GSO super-packet itself. */
    private int vnetFlags(int i) {
        long h = pendingOffset[i] - VirtioNetHeader.LENGTH;
        return VirtioNetHeader.gsoType(buffer, h) != 0 ? -1 : VirtioNetHeader.flags(buffer, h);
    }

    /** Counts a write of {@code datagrams} datagrams (several: a UDP super-packet) that went out whole. */
    private void written(boolean whole, int datagrams) {
        if (!whole) {
            return; // counted by dropped()
        }
        for (int k = 0; k < datagrams; k++) {
            counters.increment(DatapathStat.PACKETS_WRITTEN);
        }
        if (datagrams > 1) {
            counters.increment(DatapathStat.UDP_SUPER_PACKETS_WRITTEN);
        }
    }
}
