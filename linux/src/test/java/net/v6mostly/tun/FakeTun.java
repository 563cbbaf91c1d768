package net.v6mostly.tun;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import net.v6mostly.linux.Libc;
import net.v6mostly.linux.LinuxException;
import net.v6mostly.wire.VirtioNetHeader;

/**
 * A TUN queue without root (DESIGN.md §3.9): one end of a non-blocking {@code AF_UNIX
 * SOCK_SEQPACKET} socket pair stands for the TUN descriptor the data path reads and writes, the
 * other end for the kernel. Like a TUN descriptor it keeps packet boundaries (one packet per
 * read(2) and write(2)), polls readable, and never blocks; with {@link #vnetHeader()} each packet
 * carries a 10-byte {@code virtio_net_hdr} exactly as with {@code IFF_VNET_HDR}, and
 * {@link #offloads()} stands for the TUNSETOFFLOAD bits the kernel accepted. The worker loop runs
 * on {@link #fd(int)} unchanged; the test plays the kernel with {@link #send} and {@link #receive}.
 *
 * <p>What it cannot fake: the kernel's checks of a written virtio-net header (a bad one is
 * EINVAL on a TUN, accepted here), GSO segmentation, and write(2) never failing with EAGAIN on
 * a TUN (here it does when the socket buffer is full: see {@link #shrinkSendBuffer}).
 */
public final class FakeTun implements AutoCloseable {
    private final Arena arena = Arena.ofShared();
    private final MemorySegment errno = Libc.errnoState(arena);
    private final MemorySegment io = arena.allocate(1 << 17, 64);
    private final MemorySegment pollFd = arena.allocate(8, 8);
    private final int deviceFd;
    private final int kernelFd;
    private final boolean vnetHeader;
    private final int offloads;

    private FakeTun(int type, boolean vnetHeader, int offloads) throws LinuxException {
        MemorySegment fds = arena.allocate(JAVA_INT, 2);
        if (Libc.socketpair(errno, Libc.AF_UNIX, type | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, 0, fds) != 0) {
            int e = Libc.errno(errno);
            arena.close();
            throw new LinuxException("socketpair", "fake TUN", e);
        }
        this.deviceFd = fds.getAtIndex(JAVA_INT, 0);
        this.kernelFd = fds.getAtIndex(JAVA_INT, 1);
        this.vnetHeader = vnetHeader;
        this.offloads = offloads;
        pollFd.set(JAVA_INT, 0, kernelFd);
        pollFd.set(ValueLayout.JAVA_SHORT, 4, Libc.POLLIN);
    }

    /** A fake single-queue TUN without virtio-net headers ({@code IFF_TUN | IFF_NO_PI}). */
    public static FakeTun plain() throws LinuxException {
        return new FakeTun(Libc.SOCK_SEQPACKET, false, 0);
    }

    /** A fake TUN opened with {@code IFF_VNET_HDR} whose kernel accepted {@code offloads} (TUN_F_* bits). */
    public static FakeTun withVnetHeader(int offloads) throws LinuxException {
        return new FakeTun(Libc.SOCK_SEQPACKET, true, offloads);
    }

    /**
     * A byte-stream pair instead (SOCK_STREAM): not a TUN, packets run together; only for tests
     * that need write(2) to return short, which a stream socket does when its buffer fills.
     */
    public static FakeTun stream() throws LinuxException {
        return new FakeTun(Libc.SOCK_STREAM, false, 0);
    }

    /** Queues: always 1. */
    public int queues() {
        return 1;
    }

    /** The descriptor the data path uses, as {@link TunDevice#fd(int)}. */
    public int fd(int queue) {
        if (queue != 0) {
            throw new IndexOutOfBoundsException("a fake TUN has one queue, not " + (queue + 1));
        }
        return deviceFd;
    }

    /** As {@link TunDevice#vnetHeader()}. */
    public boolean vnetHeader() {
        return vnetHeader;
    }

    /** As {@link TunDevice#offloads()}. */
    public int offloads() {
        return offloads;
    }

    /** Whether the data path may join UDP datagrams (USO accepted), as the datapath decides for a TUN. */
    public boolean udpGso() {
        return (offloads & (TunDevice.TUN_F_USO4 | TunDevice.TUN_F_USO6)) != 0;
    }

    /**
     * Makes the device end's socket buffer as small as the kernel allows (SO_SNDBUF 1: a few KiB),
     * so that the data path's writes fail with EAGAIN (or, on a stream, go out short) until the
     * test reads.
     */
    public void shrinkSendBuffer() {
        MemorySegment one = arena.allocate(JAVA_INT);
        one.set(JAVA_INT, 0, 1);
        if (Libc.setsockopt(errno, deviceFd, Libc.SOL_SOCKET, Libc.SO_SNDBUF, one) != 0) {
            throw new IllegalStateException("SO_SNDBUF: " + Libc.strerror(Libc.errno(errno)));
        }
    }

    /**
     * The kernel hands the data path a packet: {@code header} (the virtio-net header, only with
     * {@link #vnetHeader()}; null means all zero: GSO_NONE, no flags) then {@code packet}.
     */
    public void send(byte[] header, byte[] packet) {
        int h = vnetHeader ? VirtioNetHeader.LENGTH : 0;
        if (header != null && header.length != h) {
            throw new IllegalArgumentException("a virtio-net header is " + h + " bytes here, not " + header.length);
        }
        io.asSlice(0, h).fill((byte) 0);
        if (header != null) {
            MemorySegment.copy(header, 0, io, ValueLayout.JAVA_BYTE, 0, h);
        }
        MemorySegment.copy(packet, 0, io, ValueLayout.JAVA_BYTE, h, packet.length);
        long n = Libc.write(errno, kernelFd, io.address(), h + packet.length);
        if (n != h + packet.length) {
            throw new IllegalStateException("fake TUN: the kernel end wrote " + n + " of " + (h + packet.length)
                    + " bytes: " + Libc.strerror(Libc.errno(errno)));
        }
    }

    /** {@link #send(byte[], byte[])} with an all-zero virtio-net header. */
    public void send(byte[] packet) {
        send(null, packet);
    }

    /**
     * What the data path wrote next, virtio-net header included, waiting up to {@code millis} ms;
     * null if nothing came.
     */
    public byte[] receive(int millis) {
        long n = Libc.read(errno, kernelFd, io.address(), io.byteSize());
        if (n < 0 && Libc.errno(errno) == Libc.EAGAIN) {
            if (Libc.poll(errno, pollFd, 1, millis) <= 0) {
                return null;
            }
            n = Libc.read(errno, kernelFd, io.address(), io.byteSize());
        }
        if (n < 0) {
            throw new IllegalStateException("fake TUN: read on the kernel end: " + Libc.strerror(Libc.errno(errno)));
        }
        return io.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
    }

    /** The kernel's end, for tests that write to it directly (e.g. a read shorter than a header). */
    int kernelFdForTests() {
        return kernelFd;
    }

    @Override
    public void close() {
        Libc.close(errno, deviceFd);
        Libc.close(errno, kernelFd);
        arena.close();
    }
}
