package net.v6mostly.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import net.v6mostly.linux.Libc;
import net.v6mostly.linux.LinuxException;

/**
 * An IPv4 UDP socket bound to {@code 0.0.0.0:port} on one interface (SO_BINDTODEVICE), allowed to
 * broadcast (SO_BROADCAST), reporting each datagram's receiving interface and destination address
 * (IP_PKTINFO, ip(7)). One per served interface; owned by one thread.
 *
 * <p>Datagrams are read {@value #SLOTS} at a time with one recvmmsg(2) and handed out one by one
 * by {@link #receive}; replies are queued by {@link #send} and written {@value #SLOTS} at a time
 * with one sendmmsg(2) by {@link #flush}: under load the server makes two system calls per batch
 * instead of two per client message.
 */
public final class UdpSocket4 implements AutoCloseable {
    private static final ValueLayout.OfShort U16_BE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt U32_BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final int CONTROL = 64;
    /** Messages per recvmmsg(2) or sendmmsg(2). */
    static final int SLOTS = 16;
    /** A receive slot holds the largest UDP payload, so no datagram is ever cut short. */
    private static final int RECEIVE_SLOT = 65536;
    /** A queued reply up to this size is copied into a send slot; a larger one is sent alone. */
    private static final int SEND_SLOT = 4096;
    private static final long MSG = SocketCalls.MMSGHDR_SIZE;

    /** Where {@link #flush} reports a reply the kernel refused. */
    @FunctionalInterface
    public interface Refusal {
        void refused(int address, int port, int errno);
    }

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment errno = Libc.errnoState(arena);
    private final MemorySegment receiveData = arena.allocate((long) SLOTS * RECEIVE_SLOT, 8);
    private final MemorySegment receiveVector = arena.allocate(SLOTS * MSG, 8);
    private final MemorySegment receiveIov = arena.allocate(SLOTS * 16L, 8);
    private final MemorySegment receiveFrom = arena.allocate(SLOTS * 16L, 4);
    private final MemorySegment receiveControl = arena.allocate((long) SLOTS * CONTROL, 8);
    private final MemorySegment sendData = arena.allocate((long) SLOTS * SEND_SLOT, 8);
    private final MemorySegment sendVector = arena.allocate(SLOTS * MSG, 8);
    private final MemorySegment sendIov = arena.allocate(SLOTS * 16L, 8);
    private final MemorySegment sendTo = arena.allocate(SLOTS * 16L, 4);
    private final MemorySegment large;
    private final MemorySegment bindAddress = arena.allocate(16, 4);
    private final MemorySegment nameBuf = arena.allocate(16);
    private final String interfaceName;
    private final int fd;
    private int received;
    private int next;
    private int queued;
    private int lastIfIndex;
    private int cachedIfIndex;
    private String cachedIfName;
    private int lastDestination;
    private int lastSource;

    /**
     * Opens the socket; {@code interfaceName} null binds to every interface. Replies may be up to
     * {@code largestReply} bytes.
     */
    public UdpSocket4(String interfaceName, int port, int largestReply) throws LinuxException {
        this.interfaceName = interfaceName;
        this.large = arena.allocate(largestReply, 8);
        for (int k = 0; k < SLOTS; k++) {
            MemorySegment iov = receiveIov.asSlice(16L * k, 16);
            iov.set(ValueLayout.ADDRESS, 0, receiveData.asSlice((long) k * RECEIVE_SLOT, RECEIVE_SLOT));
            iov.set(ValueLayout.JAVA_LONG, 8, RECEIVE_SLOT);
            MemorySegment h = receiveVector.asSlice(k * MSG, MSG);
            h.set(ValueLayout.ADDRESS, 0, receiveFrom.asSlice(16L * k, 16));
            h.set(ValueLayout.ADDRESS, 16, iov);
            h.set(ValueLayout.JAVA_LONG, 24, 1);
            h.set(ValueLayout.ADDRESS, 32, receiveControl.asSlice((long) k * CONTROL, CONTROL));
            MemorySegment out = sendVector.asSlice(k * MSG, MSG);
            out.set(ValueLayout.ADDRESS, 0, sendTo.asSlice(16L * k, 16));
            out.set(ValueLayout.JAVA_INT, 8, 16);
            out.set(ValueLayout.ADDRESS, 16, sendIov.asSlice(16L * k, 16));
            out.set(ValueLayout.JAVA_LONG, 24, 1);
            sendIov.set(ValueLayout.ADDRESS, 16L * k, sendData.asSlice((long) k * SEND_SLOT, SEND_SLOT));
        }
        fd = SocketCalls.socket(errno, SocketCalls.AF_INET, SocketCalls.SOCK_DGRAM | SocketCalls.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw fail("socket(AF_INET)");
        }
        try {
            option(SocketCalls.SOL_SOCKET, SocketCalls.SO_REUSEADDR, "SO_REUSEADDR");
            option(SocketCalls.SOL_SOCKET, SocketCalls.SO_BROADCAST, "SO_BROADCAST");
            option(SocketCalls.IPPROTO_IP, SocketCalls.IP_PKTINFO, "IP_PKTINFO");
            if (interfaceName != null) {
                MemorySegment name = arena.allocateFrom(interfaceName);
                if (SocketCalls.setsockopt(errno, fd, SocketCalls.SOL_SOCKET, SocketCalls.SO_BINDTODEVICE, name,
                        (int) name.byteSize()) < 0) {
                    throw fail("SO_BINDTODEVICE");
                }
            }
            sockaddr(bindAddress, 0, port);
            if (SocketCalls.bind(errno, fd, bindAddress, 16) < 0) {
                throw fail("bind(0.0.0.0:" + port + ")");
            }
        } catch (LinuxException e) {
            close();
            throw e;
        }
    }

    /**
     * Asks for a receive queue of {@code bytes} (socket(7) SO_RCVBUF), beyond net.core.rmem_max
     * where the process may (SO_RCVBUFFORCE); best effort: returns false when the kernel refused both.
     */
    public boolean receiveBuffer(int bytes) {
        MemorySegment value = arena.allocateFrom(ValueLayout.JAVA_INT, bytes);
        return SocketCalls.setsockopt(errno, fd, SocketCalls.SOL_SOCKET, SocketCalls.SO_RCVBUFFORCE, value, 4) == 0
                || SocketCalls.setsockopt(errno, fd, SocketCalls.SOL_SOCKET, SocketCalls.SO_RCVBUF, value, 4) == 0;
    }

    private void option(int level, int name, String what) throws LinuxException {
        MemorySegment one = arena.allocateFrom(ValueLayout.JAVA_INT, 1);
        if (SocketCalls.setsockopt(errno, fd, level, name, one, 4) < 0) {
            throw fail(what);
        }
    }

    private LinuxException fail(String op) {
        return new LinuxException(op, interfaceName == null ? "udp socket" : interfaceName, Libc.errno(errno));
    }

    private static void sockaddr(MemorySegment sa, int address, int port) {
        sa.fill((byte) 0);
        sa.set(ValueLayout.JAVA_SHORT, 0, (short) SocketCalls.AF_INET);
        sa.set(U16_BE, 2, (short) port);
        sa.set(U32_BE, 4, address);
    }

    /** The descriptor, for poll(2). */
    public int fd() {
        return fd;
    }

    /** The interface this socket is bound to, or null. */
    public String interfaceName() {
        return interfaceName;
    }

    /**
     * Receives one datagram without blocking into {@code out}; returns its length (at most
     * {@code out.length}), or -1 when none is waiting. {@link #lastInterface()},
     * {@link #lastDestination()} and {@link #lastSource()} then describe it. Reads up to
     * {@value #SLOTS} queued datagrams per system call and hands them out in arrival order.
     */
    public int receive(byte[] out) throws LinuxException {
        if (next == received && !fill()) {
            return -1;
        }
        int k = next++;
        MemorySegment h = receiveVector.asSlice(k * MSG, MSG);
        long n = Integer.toUnsignedLong(h.get(ValueLayout.JAVA_INT, SocketCalls.MSGHDR_SIZE));   // msg_len
        lastSource = receiveFrom.get(U32_BE, 16L * k + 4);
        lastIfIndex = 0;
        lastDestination = 0;
        MemorySegment control = receiveControl.asSlice((long) k * CONTROL, CONTROL);
        long controlLength = Math.min(h.get(ValueLayout.JAVA_LONG, 40), CONTROL);
        for (long at = 0; at + 16 <= controlLength; ) {
            long len = control.get(ValueLayout.JAVA_LONG, at);
            int level = control.get(ValueLayout.JAVA_INT, at + 8);
            int type = control.get(ValueLayout.JAVA_INT, at + 12);
            if (level == SocketCalls.IPPROTO_IP && type == SocketCalls.IP_PKTINFO && len >= 16 + 12
                    && at + 28 <= controlLength) {
                lastIfIndex = control.get(ValueLayout.JAVA_INT, at + 16);        // ipi_ifindex
                lastDestination = control.get(U32_BE, at + 24);                 // ipi_addr: header destination
            }
            if (len < 16) {
                break;
            }
            at += (len + 7) & ~7L;
        }
        int length = (int) Math.min(n, out.length);
        MemorySegment.copy(receiveData, ValueLayout.JAVA_BYTE, (long) k * RECEIVE_SLOT, out, 0, length);
        return length;
    }

    /** One recvmmsg(2); false when nothing is waiting. */
    private boolean fill() throws LinuxException {
        for (int k = 0; k < SLOTS; k++) {
            MemorySegment h = receiveVector.asSlice(k * MSG, MSG);
            h.set(ValueLayout.JAVA_INT, 8, 16);                 // msg_namelen and msg_controllen are
            h.set(ValueLayout.JAVA_LONG, 40, CONTROL);          // overwritten by each receive
            h.set(ValueLayout.JAVA_INT, 48, 0);
        }
        next = 0;
        received = 0;
        int n = SocketCalls.recvmmsg(errno, fd, receiveVector, SLOTS, SocketCalls.MSG_DONTWAIT);
        if (n < 0) {
            int e = Libc.errno(errno);
            if (e == Libc.EAGAIN || e == Libc.EINTR) {
                return false;
            }
            throw fail("recvmmsg");
        }
        received = n;
        return n > 0;
    }

    /**
     * Name of the interface the last datagram arrived on (IP_PKTINFO), or the bound one. A socket
     * bound to one interface (SO_BINDTODEVICE) only receives there, so its name is the answer
     * without asking the kernel; otherwise the name of the last index seen is kept, because glibc's
     * if_indextoname(3) opens, queries and closes a socket on every call.
     */
    public String lastInterface() {
        if (lastIfIndex == 0 || interfaceName != null) {
            return interfaceName;
        }
        if (lastIfIndex != cachedIfIndex) {
            MemorySegment r = SocketCalls.indexToName(errno, lastIfIndex, nameBuf);
            if (r.equals(MemorySegment.NULL)) {
                return null;
            }
            cachedIfName = nameBuf.getString(0);
            cachedIfIndex = lastIfIndex;
        }
        return cachedIfName;
    }

    /** Destination address of the last datagram's IP header. */
    public int lastDestination() {
        return lastDestination;
    }

    /** Source address of the last datagram. */
    public int lastSource() {
        return lastSource;
    }

    /**
     * Queues {@code data} for {@code address:port} (-1: broadcast); a full queue is flushed first.
     * Nothing leaves before {@link #flush}, except a reply larger than a send slot, which is sent
     * at once after the queue.
     */
    public void send(byte[] data, int address, int port, Refusal refusal) {
        if (queued == SLOTS) {
            flush(refusal);
        }
        if (data.length > SEND_SLOT) {
            flush(refusal);
            MemorySegment.copy(data, 0, large, ValueLayout.JAVA_BYTE, 0, Math.min(data.length, (int) large.byteSize()));
            MemorySegment to = sendTo.asSlice(0, 16);
            sockaddr(to, address, port);
            if (SocketCalls.sendto(errno, fd, large, Math.min(data.length, large.byteSize()), 0, to, 16) < 0) {
                refusal.refused(address, port, Libc.errno(errno));
            }
            return;
        }
        int k = queued++;
        MemorySegment.copy(data, 0, sendData, ValueLayout.JAVA_BYTE, (long) k * SEND_SLOT, data.length);
        sendIov.set(ValueLayout.JAVA_LONG, 16L * k + 8, data.length);
        sockaddr(sendTo.asSlice(16L * k, 16), address, port);
    }

    /**
     * Sends the queued replies with sendmmsg(2). A reply the kernel refuses (no route to a relay,
     * a firewall, a full send queue) goes to {@code refusal} with its errno and the rest still go:
     * one bad destination never stops the server. Returns how many were refused.
     */
    public int flush(Refusal refusal) {
        int refused = 0;
        for (int k = 0; k < queued; ) {
            int n = SocketCalls.sendmmsg(errno, fd, sendVector.asSlice(k * MSG), queued - k, 0);
            if (n > 0) {
                k += n;
                continue;
            }
            int e = Libc.errno(errno);
            if (n < 0 && e == Libc.EINTR) {
                continue;
            }
            MemorySegment to = sendTo.asSlice(16L * k, 16);
            refusal.refused(to.get(U32_BE, 4), Short.toUnsignedInt(to.get(U16_BE, 2)), n < 0 ? e : 0);
            refused++;
            k++;
        }
        queued = 0;
        return refused;
    }

    /** The index of {@code name}, or 0 when there is no such interface. */
    static int interfaceIndex(Arena arena, MemorySegment errno, String name) {
        return SocketCalls.nameToIndex(errno, arena.allocateFrom(name));
    }

    @Override
    public void close() {
        Libc.close(errno, fd);
        arena.close();
    }
}
