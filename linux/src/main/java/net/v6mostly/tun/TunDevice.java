package net.v6mostly.tun;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import net.v6mostly.linux.Libc;
import net.v6mostly.linux.LinuxException;

/**
 * A Linux TUN device (Documentation/networking/tuntap.rst) opened through {@code /dev/net/tun}:
 * created, or attached to when a persistent device of that name exists; one file descriptor per
 * queue with {@code IFF_MULTI_QUEUE}; with {@code IFF_VNET_HDR} and {@code TUNSETOFFLOAD} the
 * kernel hands over checksum-offloaded and GSO packets. Always {@code IFF_TUN | IFF_NO_PI}.
 *
 * <p>Byte order of the virtio-net header: the data path reads and writes its 16-bit fields
 * little-endian ({@link net.v6mostly.wire.VirtioNetHeader}), as VIRTIO 1.x specifies. A TUN uses
 * little-endian only when told so with {@code TUNSETVNETLE} or when the host is little-endian
 * (drivers/net/tun.c: {@code tun_is_little_endian}); otherwise legacy virtio's native order. So
 * with offloads the device is always asked for {@code TUNSETVNETLE}; where the kernel refuses and
 * the host is big-endian, the device is reopened without offloads and {@link #notes()} says why.
 * Reads and writes in batches: {@link TunQueue}.
 */
public final class TunDevice implements AutoCloseable {
    static final long TUNSETIFF = 0x400454caL;       // _IOW('T', 202, int)
    static final long TUNSETOFFLOAD = 0x400454d0L;   // _IOW('T', 208, unsigned int)
    static final long TUNSETVNETHDRSZ = 0x400454d8L; // _IOW('T', 216, int)
    static final long TUNSETVNETLE = 0x400454dcL;    // _IOW('T', 220, int)
    static final int IFF_TUN = 0x0001;
    static final int IFF_NO_PI = 0x1000;
    static final int IFF_MULTI_QUEUE = 0x0100;
    static final int IFF_VNET_HDR = 0x4000;
    static final int IFNAMSIZ = 16;
    static final int IFREQ_SIZE = 40;
    static final int IFREQ_FLAGS = 16;

    /** TUNSETOFFLOAD bits (include/uapi/linux/if_tun.h). */
    public static final int TUN_F_CSUM = 0x01;
    public static final int TUN_F_TSO4 = 0x02;
    public static final int TUN_F_TSO6 = 0x04;
    public static final int TUN_F_TSO_ECN = 0x08;
    public static final int TUN_F_USO4 = 0x20;
    public static final int TUN_F_USO6 = 0x40;

    /**
     * How to open the device.
     *
     * @param name       interface name (at most 15 bytes)
     * @param queues     file descriptors to open, at least 1
     * @param multiQueue open with IFF_MULTI_QUEUE (a persistent device must have been created with it)
     * @param offload    use IFF_VNET_HDR and ask for checksum and segmentation offloads
     */
    public record Options(String name, int queues, boolean multiQueue, boolean offload) {
        /** Validates the name and counts. */
        public Options {
            byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
            if (name.isEmpty() || bytes.length >= IFNAMSIZ || name.contains("/") || name.contains(" ")) {
                throw new IllegalArgumentException("TUN name must be 1..15 characters without '/' or spaces: '" + name + "'");
            }
            if (queues < 1 || queues > 256) {
                throw new IllegalArgumentException("queues must be 1..256, not " + queues);
            }
            if (queues > 1 && !multiQueue) {
                throw new IllegalArgumentException("several queues need multi-queue");
            }
        }
    }

    private final String name;
    private final int[] fds;
    private final boolean vnetHeader;
    private final int offloads;
    private final List<String> notes;

    private TunDevice(String name, int[] fds, boolean vnetHeader, int offloads, List<String> notes) {
        this.name = name;
        this.fds = fds;
        this.vnetHeader = vnetHeader;
        this.offloads = offloads;
        this.notes = notes;
    }

    /**
     * Opens (or creates) the device.
     *
     * @throws LinuxException naming the call, the device and errno (e.g. no /dev/net/tun, no
     *                        CAP_NET_ADMIN, multi-queue mismatch with a persistent device)
     */
    public static TunDevice open(Options options) throws LinuxException {
        return open(options, new ArrayList<>(), ByteOrder.nativeOrder());
    }

    private static TunDevice open(Options options, List<String> notes, ByteOrder host) throws LinuxException {
        int[] fds = new int[options.queues()];
        int offloads = 0;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoState(arena);
            MemorySegment path = arena.allocateFrom("/dev/net/tun");
            MemorySegment ifreq = arena.allocate(IFREQ_SIZE);
            int count = 0;
            try {
                for (; count < fds.length; count++) {
                    int fd = Libc.open(errno, path, Libc.O_RDWR | Libc.O_CLOEXEC | Libc.O_NONBLOCK);
                    if (fd < 0) {
                        throw new LinuxException("open /dev/net/tun", options.name(), Libc.errno(errno));
                    }
                    fds[count] = fd;
                    ifreq.fill((byte) 0);
                    ifreq.setString(0, options.name(), StandardCharsets.US_ASCII);
                    short flags = (short) (IFF_TUN | IFF_NO_PI | (options.multiQueue() ? IFF_MULTI_QUEUE : 0)
                            | (options.offload() ? IFF_VNET_HDR : 0));
                    ifreq.set(ValueLayout.JAVA_SHORT, IFREQ_FLAGS, flags);
                    if (Libc.ioctl(errno, fd, TUNSETIFF, ifreq) < 0) {
                        int e = Libc.errno(errno);
                        String hint = e == 22 ? " (a persistent device created " + (options.multiQueue() ? "without" : "with")
                                + " multi_queue cannot be attached " + (options.multiQueue() ? "with" : "without") + " it)" : "";
                        fds[count] = -1;
                        Libc.close(errno, fd);
                        throw new LinuxException("TUNSETIFF on " + options.name() + ": " + Libc.strerror(e) + " (errno " + e
                                + ")" + hint);
                    }
                    if (options.offload()) {
                        MemorySegment one = arena.allocateFrom(ValueLayout.JAVA_INT, 1);
                        int refused = Libc.ioctl(errno, fd, TUNSETVNETLE, one) == 0 ? 0 : Libc.errno(errno);
                        if (refused != 0 && !offloadsWithoutVnetLe(host)) {
                            count++;
                            closeAll(errno, fds, count);
                            notes.add(vnetLeRefused(options.name(), Libc.strerror(refused)));
                            return open(new Options(options.name(), options.queues(), options.multiQueue(), false), notes,
                                    host);
                        }
                        offloads = setOffloads(errno, fd, options.name(), notes, count == 0);
                    }
                }
            } catch (LinuxException e) {
                closeAll(errno, fds, count);
                throw e;
            }
        }
        return new TunDevice(options.name(), fds, options.offload(), offloads, notes);
    }

    private static void closeAll(MemorySegment errno, int[] fds, int count) {
        for (int i = 0; i < count; i++) {
            if (fds[i] >= 0) {
                Libc.close(errno, fds[i]);
                fds[i] = -1;
            }
        }
    }

    /**
     * Whether offloads may stay on although the kernel refused {@code TUNSETVNETLE}: only on a
     * little-endian host, where the TUN's virtio-net header is little-endian anyway.
     */
    static boolean offloadsWithoutVnetLe(ByteOrder host) {
        return host == ByteOrder.LITTLE_ENDIAN;
    }

    /** The note logged when a big-endian host's kernel refuses a little-endian virtio-net header. */
    static String vnetLeRefused(String name, String reason) {
        return "kernel refused TUNSETVNETLE on " + name + " (" + reason + "): on this big-endian host the virtio-net"
                + " header would be in host byte order, which the data path does not read; offloads are off";
    }

    /**
     * Asks for the richest offload set the kernel accepts (TSO and USO, then TSO, then checksum
     * only), noting each refusal for the log (DESIGN.md §4: "fall back cleanly").
     */
    private static int setOffloads(MemorySegment errno, int fd, String name, List<String> notes, boolean note)
            throws LinuxException {
        int[] tries = {
            TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6 | TUN_F_TSO_ECN | TUN_F_USO4 | TUN_F_USO6,
            TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6 | TUN_F_TSO_ECN,
            TUN_F_CSUM,
            0,
        };
        for (int offload : tries) {
            if (Libc.ioctl(errno, fd, TUNSETOFFLOAD, offload) == 0) {
                return offload;
            }
            if (note) {
                notes.add("kernel refused TUNSETOFFLOAD 0x" + Integer.toHexString(offload) + " on " + name + ": "
                        + Libc.strerror(Libc.errno(errno)) + "; trying fewer offloads");
            }
        }
        throw new LinuxException("TUNSETOFFLOAD", name, Libc.errno(errno));
    }

    /** The interface name. */
    public String name() {
        return name;
    }

    /** Number of queues (file descriptors). */
    public int queues() {
        return fds.length;
    }

    /** File descriptor of queue {@code i}. */
    public int fd(int i) {
        return fds[i];
    }

    /** Whether every packet carries a {@code virtio_net_hdr}. */
    public boolean vnetHeader() {
        return vnetHeader;
    }

    /** The TUNSETOFFLOAD bits in force. */
    public int offloads() {
        return offloads;
    }

    /** What happened while opening that an operator should read (refused offloads). */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Closes every queue; a persistent device stays, a device this process created goes away. */
    @Override
    public void close() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoState(arena);
            for (int i = 0; i < fds.length; i++) {
                if (fds[i] >= 0) {
                    Libc.close(errno, fds[i]);
                    fds[i] = -1;
                }
            }
        }
    }
}
