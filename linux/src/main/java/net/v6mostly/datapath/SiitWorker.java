package net.v6mostly.datapath;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import net.v6mostly.linux.Libc;
import net.v6mostly.stats.Counters;
import net.v6mostly.wire.Bytes;
import net.v6mostly.wire.VirtioNetHeader;
import net.v6mostly.xlat.Offload;
import net.v6mostly.xlat.PacketSink;
import net.v6mostly.xlat.Side;
import net.v6mostly.xlat.Siit;
import net.v6mostly.xlat.SiitSettings;

/**
 * One data-path thread (DESIGN.md §3.6): reads packets from its TUN file descriptor into a buffer
 * it owns, translates them in place with its own {@link Siit}, and writes what comes out back to
 * the same descriptor. With a virtio-net header, the header of every in-place translation is
 * fixed up: the L4 header does not move, so csum_start and hdr_len shift by the change in L3
 * header length, gso_type follows the IP version and gso_size keeps segments within the MTU.
 */
public final class SiitWorker implements Runnable, PacketSink {
    /** Where a packet starts in the buffer: room for the virtio-net header and 4→6 growth. */
    static final int PACKET_OFFSET = 128;
    /** Largest packet read: a 64 KiB GSO super-packet with its headers. */
    static final int CAPACITY = 65536 + 256;
    private static final int IDLE_POLL_MILLIS = 200;

    private final int fd;
    private final boolean vnet;
    private final int vnetLength;
    private final Siit siit;
    private final Counters<DatapathStat> counters = new Counters<>(DatapathStat.class);
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer;
    private final MemorySegment errno;
    private final MemorySegment pollFd;
    private volatile boolean running = true;
    private volatile String failure;

    // state of the packet being translated, read by emit()
    private int inFlags;
    private int inGsoType;
    private int inHdrLen;
    private int inGsoSize;
    private int inCsumStart;
    private int inCsumOffset;

    /** Creates a worker on {@code fd} with its own translator. */
    public SiitWorker(int fd, boolean vnetHeader, SiitSettings settings) {
        this.fd = fd;
        this.vnet = vnetHeader;
        this.vnetLength = vnetHeader ? VirtioNetHeader.LENGTH : 0;
        this.siit = new Siit(settings);
        this.buffer = arena.allocate(PACKET_OFFSET + CAPACITY, 64);
        this.errno = Libc.errnoState(arena);
        this.pollFd = arena.allocate(8, 8);
        pollFd.set(ValueLayout.JAVA_INT, 0, fd);
        pollFd.set(ValueLayout.JAVA_SHORT, 4, Libc.POLLIN);
    }

    /** The translator (its counters, its settings). */
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
        long readAt = buffer.address() + PACKET_OFFSET - vnetLength;
        try {
            while (running) {
                long n = Libc.read(errno, fd, readAt, CAPACITY);
                if (n < 0) {
                    if (!handleReadError(Libc.errno(errno))) {
                        return;
                    }
                    continue;
                }
                translate((int) n);
            }
        } finally {
            arena.close();
        }
    }

    /** Returns false when the loop must end. */
    private boolean handleReadError(int e) {
        if (e == Libc.EAGAIN) {
            Libc.poll(errno, pollFd, 1, IDLE_POLL_MILLIS);
            return true;
        }
        if (e == Libc.EINTR) {
            return true;
        }
        counters.increment(DatapathStat.READ_ERROR);
        if (running) {
            failure = "read(2) on the TUN failed: " + Libc.strerror(e) + " (errno " + e + ")";
        }
        return false;
    }

    private void translate(int n) {
        if (n < vnetLength) {
            counters.increment(DatapathStat.READ_TOO_SHORT);
            return;
        }
        counters.increment(DatapathStat.PACKETS_READ);
        int offload = Offload.NONE;
        if (vnet) {
            long h = PACKET_OFFSET - VirtioNetHeader.LENGTH;
            inFlags = VirtioNetHeader.flags(buffer, h);
            inGsoType = VirtioNetHeader.gsoType(buffer, h);
            inHdrLen = VirtioNetHeader.hdrLen(buffer, h);
            inGsoSize = VirtioNetHeader.gsoSize(buffer, h);
            inCsumStart = VirtioNetHeader.csumStart(buffer, h);
            inCsumOffset = VirtioNetHeader.csumOffset(buffer, h);
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
        siit.translate(buffer, PACKET_OFFSET, n - vnetLength, System.nanoTime(), this, offload);
    }

    @Override
    public void emit(Side side, MemorySegment packet, long offset, int length) {
        if (vnet) {
            long h = offset - VirtioNetHeader.LENGTH;
            if (packet == buffer && (inFlags != 0 || inGsoType != 0)) {
                fixHeader(packet, offset, h);
            } else {
                VirtioNetHeader.writeNone(packet, h);
            }
        }
        long n = Libc.write(errno, fd, packet.address() + offset - vnetLength, length + vnetLength);
        if (n < 0) {
            counters.increment(DatapathStat.WRITE_ERROR);
        } else if (n != length + vnetLength) {
            counters.increment(DatapathStat.WRITE_SHORT);
        } else {
            counters.increment(DatapathStat.PACKETS_WRITTEN);
        }
    }

    /** The virtio-net header of an in-place translation (the L4 header has not moved). */
    private void fixHeader(MemorySegment packet, long offset, long h) {
        int delta = (int) (PACKET_OFFSET - offset); // +20 for 4→6, -20 for 6→4 (more with options)
        int version = Bytes.u8(packet, offset) >>> 4;
        int gsoType = inGsoType;
        int gso = gsoType & ~VirtioNetHeader.GSO_ECN;
        if (gso == VirtioNetHeader.GSO_TCPV4 || gso == VirtioNetHeader.GSO_TCPV6) {
            gsoType = (gsoType & VirtioNetHeader.GSO_ECN)
                    | (version == 6 ? VirtioNetHeader.GSO_TCPV6 : VirtioNetHeader.GSO_TCPV4);
        }
        int csumStart = (inFlags & VirtioNetHeader.F_NEEDS_CSUM) != 0 ? inCsumStart + delta : inCsumStart;
        int hdrLen = inHdrLen;
        int gsoSize = inGsoSize;
        if (gso != VirtioNetHeader.GSO_NONE) {
            // the kernel's hdr_len is only a hint (the linear part); give it the exact L3+L4
            // header length, and keep each segment within the MTU of the new IP version
            hdrLen = csumStart + (gso == VirtioNetHeader.GSO_UDP_L4 ? 8 : (Bytes.u8(packet, offset + csumStart + 12) >>> 4) * 4);
            // read here, not before translate(): a reload is installed at the start of translate()
            SiitSettings s = siit.settings();
            int mtu = version == 6 ? s.mtu6() : s.mtu4();
            gsoSize = Math.max(1, Math.min(gsoSize, mtu - hdrLen));
        } else if (hdrLen != 0) {
            hdrLen = Math.max(0, hdrLen + delta);
        }
        VirtioNetHeader.write(packet, h, inFlags, gsoType, hdrLen, gsoSize, csumStart, inCsumOffset);
    }
}
