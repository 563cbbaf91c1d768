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
 */
public final class UdpSocket4 implements AutoCloseable {
    private static final ValueLayout.OfShort U16_BE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt U32_BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final int CONTROL = 64;

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment errno = Libc.errnoState(arena);
    private final MemorySegment buffer;
    private final MemorySegment msghdr = arena.allocate(56, 8);
    private final MemorySegment iov = arena.allocate(16, 8);
    private final MemorySegment from = arena.allocate(16, 4);
    private final MemorySegment control = arena.allocate(CONTROL, 8);
    private final MemorySegment to = arena.allocate(16, 4);
    private final MemorySegment nameBuf = arena.allocate(16);
    private final String interfaceName;
    private final int fd;
    private int lastIfIndex;
    private int lastDestination;
    private int lastSource;

    /** Opens the socket; {@code interfaceName} null binds to every interface. */
    public UdpSocket4(String interfaceName, int port, int bufferSize) throws LinuxException {
        this.interfaceName = interfaceName;
        this.buffer = arena.allocate(bufferSize, 8);
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
            sockaddr(to, 0, port);
            if (SocketCalls.bind(errno, fd, to, 16) < 0) {
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
     * Receives one datagram without blocking into {@code out}; returns its length, or -1 when none
     * is waiting. {@link #lastInterface()}, {@link #lastDestination()} and {@link #lastSource()} then
     * describe it.
     */
    public int receive(byte[] out) throws LinuxException {
        iov.set(ValueLayout.ADDRESS, 0, buffer);
        iov.set(ValueLayout.JAVA_LONG, 8, buffer.byteSize());
        msghdr.fill((byte) 0);
        msghdr.set(ValueLayout.ADDRESS, 0, from);
        msghdr.set(ValueLayout.JAVA_INT, 8, 16);
        msghdr.set(ValueLayout.ADDRESS, 16, iov);
        msghdr.set(ValueLayout.JAVA_LONG, 24, 1);
        msghdr.set(ValueLayout.ADDRESS, 32, control);
        msghdr.set(ValueLayout.JAVA_LONG, 40, CONTROL);
        long n = SocketCalls.recvmsg(errno, fd, msghdr, SocketCalls.MSG_DONTWAIT);
        if (n < 0) {
            int e = Libc.errno(errno);
            if (e == Libc.EAGAIN || e == Libc.EINTR) {
                return -1;
            }
            throw fail("recvmsg");
        }
        lastSource = from.get(U32_BE, 4);
        lastIfIndex = 0;
        lastDestination = 0;
        long controlLength = msghdr.get(ValueLayout.JAVA_LONG, 40);
        for (long at = 0; at + 16 <= controlLength; ) {
            long len = control.get(ValueLayout.JAVA_LONG, at);
            int level = control.get(ValueLayout.JAVA_INT, at + 8);
            int type = control.get(ValueLayout.JAVA_INT, at + 12);
            if (level == SocketCalls.IPPROTO_IP && type == SocketCalls.IP_PKTINFO && len >= 16 + 12) {
                lastIfIndex = control.get(ValueLayout.JAVA_INT, at + 16);        // ipi_ifindex
                lastDestination = control.get(U32_BE, at + 24);                 // ipi_addr: header destination
            }
            if (len < 16) {
                break;
            }
            at += (len + 7) & ~7L;
        }
        int length = (int) Math.min(n, out.length);
        MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, 0, out, 0, length);
        return length;
    }

    /** Name of the interface the last datagram arrived on (IP_PKTINFO), or the bound one. */
    public String lastInterface() {
        if (lastIfIndex == 0) {
            return interfaceName;
        }
        MemorySegment r = SocketCalls.indexToName(errno, lastIfIndex, nameBuf);
        return r.equals(MemorySegment.NULL) ? interfaceName : nameBuf.getString(0);
    }

    /** Destination address of the last datagram's IP header. */
    public int lastDestination() {
        return lastDestination;
    }

    /** Source address of the last datagram. */
    public int lastSource() {
        return lastSource;
    }

    /** Sends {@code data} to {@code address:port}. */
    public void send(byte[] data, int address, int port) throws LinuxException {
        MemorySegment.copy(data, 0, buffer, ValueLayout.JAVA_BYTE, 0, data.length);
        sockaddr(to, address, port);
        if (SocketCalls.sendto(errno, fd, buffer, data.length, 0, to, 16) < 0) {
            throw fail("sendto");
        }
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
