package net.v6mostly.tun;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import net.v6mostly.linux.Libc;
import net.v6mostly.wire.VirtioNetHeader;

/**
 * Batch read and write on one queue of a TUN device (one descriptor of {@link TunDevice}, or of a
 * fake with the same packet semantics: a {@code SOCK_SEQPACKET} socket pair), non-blocking.
 *
 * <p>A TUN descriptor hands over exactly one packet per read(2) and takes exactly one per
 * write(2) (drivers/net/tun.c: {@code tun_chr_read_iter} and {@code tun_chr_write_iter} move one
 * skb; readv/writev only scatter that one packet over several buffers), so there is no batching
 * system call to use: a batch here is a loop of read(2) or write(2) calls. What the batch gives
 * the worker is one place to read the clock, one place to translate a run of packets, and one
 * place to flush (join UDP datagrams, write). Nothing is allocated per packet: packets land in
 * caller-owned {@link PacketSlots}, errno is captured into a segment allocated once.
 *
 * <p>With a virtio-net header ({@code IFF_VNET_HDR}) every read and write starts with its 10
 * bytes ({@code struct virtio_net_hdr}); the slots and write offsets name the IP packet, the
 * header sits just before it. Every packet lost here is reported to {@link Drops} under a
 * {@link TunDrop} reason; a read error other than EAGAIN/EINTR ends the batch with
 * {@link #READ_FAILED} and {@link #lastErrno()}.
 */
public final class TunQueue {
    /** What {@link #read} returns when read(2) failed other than with EAGAIN/EINTR (e.g. EBADF). */
    public static final int READ_FAILED = -1;

    /** Where a queue reports a packet it lost; called on the queue's thread, must not allocate. */
    @FunctionalInterface
    public interface Drops {
        void dropped(TunDrop reason);
    }

    private final int fd;
    private final int vnetLength;
    private final Drops drops;
    private final MemorySegment errno;
    private final MemorySegment pollFd;
    private int lastErrno;

    /**
     * A queue on {@code fd}, with its errno and poll(2) state allocated once in {@code arena}.
     *
     * @param vnetHeader every packet starts with a {@code virtio_net_hdr}
     */
    public TunQueue(int fd, boolean vnetHeader, Arena arena, Drops drops) {
        this.fd = fd;
        this.vnetLength = vnetHeader ? VirtioNetHeader.LENGTH : 0;
        this.drops = drops;
        this.errno = Libc.errnoState(arena);
        this.pollFd = arena.allocate(8, 8);
        pollFd.set(ValueLayout.JAVA_INT, 0, fd);
        pollFd.set(ValueLayout.JAVA_SHORT, 4, Libc.POLLIN);
    }

    /** The descriptor. */
    public int fd() {
        return fd;
    }

    /** Bytes of virtio-net header before every packet: 10 or 0. */
    public int vnetLength() {
        return vnetLength;
    }

    /** errno of the last failed read or write. */
    public int lastErrno() {
        return lastErrno;
    }

    /**
     * Reads packets into {@code slots} (emptied first) until the queue is empty (EAGAIN) or the
     * slots are full; never waits. A read shorter than the virtio-net header is dropped as
     * {@link TunDrop#READ_TOO_SHORT}.
     *
     * @return packets read (0: the queue was empty), or {@link #READ_FAILED}
     */
    public int read(PacketSlots slots) {
        if (slots.headroom() < vnetLength) {
            throw new IllegalArgumentException("slots need at least " + vnetLength + " bytes of headroom");
        }
        slots.clear();
        long base = slots.buffer().address();
        while (slots.hasRoom()) {
            long at = slots.next();
            long n = Libc.read(errno, fd, base + at - vnetLength, slots.capacity());
            if (n < 0) {
                int e = Libc.errno(errno);
                if (e == Libc.EAGAIN) {
                    break;
                }
                if (e == Libc.EINTR) {
                    continue;
                }
                lastErrno = e;
                return READ_FAILED;
            }
            if (n < vnetLength) {
                drops.dropped(TunDrop.READ_TOO_SHORT);
                continue;
            }
            slots.add((int) (n - vnetLength), n);
        }
        return slots.count();
    }

    /**
     * Waits up to {@code millis} ms for a packet to read (poll(2)); false on timeout or EINTR.
     */
    public boolean awaitReadable(int millis) {
        return Libc.poll(errno, pollFd, 1, millis) > 0;
    }

    /**
     * Writes one packet: {@code length} bytes at {@code offset} in {@code packet}, preceded by its
     * virtio-net header in the bytes before {@code offset} when the queue has them.
     *
     * @return whether it went out whole; if not, it was reported to {@link Drops}
     */
    public boolean write(MemorySegment packet, long offset, int length) {
        long total = length + vnetLength;
        long n;
        do {
            n = Libc.write(errno, fd, packet.address() + offset - vnetLength, total);
        } while (n < 0 && Libc.errno(errno) == Libc.EINTR);
        if (n == total) {
            return true;
        }
        if (n >= 0) {
            drops.dropped(TunDrop.WRITE_SHORT);
            return false;
        }
        lastErrno = Libc.errno(errno);
        drops.dropped(lastErrno == Libc.EAGAIN || lastErrno == Libc.ENOBUFS ? TunDrop.WRITE_AGAIN : TunDrop.WRITE_ERROR);
        return false;
    }

    /**
     * Writes packets {@code from .. from + count - 1} (at {@code offsets[i]}, {@code lengths[i]}
     * bytes, in {@code packets}) in order, one write(2) each; a packet that does not go out whole
     * is reported to {@link Drops} and the rest are still written.
     *
     * @return how many went out whole
     */
    public int write(MemorySegment packets, long[] offsets, int[] lengths, int from, int count) {
        int written = 0;
        for (int i = from; i < from + count; i++) {
            if (write(packets, offsets[i], lengths[i])) {
                written++;
            }
        }
        return written;
    }
}
