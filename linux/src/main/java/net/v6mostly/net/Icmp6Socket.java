package net.v6mostly.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.linux.Libc;
import net.v6mostly.linux.LinuxException;

/**
 * A raw ICMPv6 socket bound to one interface for Neighbor Discovery: as a router it receives only
 * Router Solicitations; as a host ({@link #forRouterAdvertisements}) only Router Advertisements (ICMP6_FILTER, RFC 3542 §3.2) with their Hop Limit and arrival interface
 * (IPV6_RECVHOPLIMIT, IPV6_RECVPKTINFO, RFC 3542 §6), is a member of all-routers ff02::2, and sends
 * with Hop Limit 255 (RFC 4861 §4.2) from a chosen link-local source (IPV6_PKTINFO). The kernel
 * computes the ICMPv6 checksum of raw ICMPv6 sockets (RFC 3542 §3.1). One thread uses it.
 */
public final class Icmp6Socket implements AutoCloseable {
    static final int AF_INET6 = 10;
    static final int SOCK_RAW = 3;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int IPPROTO_ICMPV6 = 58;
    static final int IPPROTO_IPV6 = 41;
    static final int SOL_SOCKET = 1;
    static final int SO_BINDTODEVICE = 25;
    static final int IPV6_UNICAST_HOPS = 16;
    static final int IPV6_MULTICAST_IF = 17;
    static final int IPV6_MULTICAST_HOPS = 18;
    static final int IPV6_MULTICAST_LOOP = 19;
    static final int IPV6_JOIN_GROUP = 20;
    static final int IPV6_RECVPKTINFO = 49;
    static final int IPV6_PKTINFO = 50;
    static final int IPV6_RECVHOPLIMIT = 51;
    static final int IPV6_HOPLIMIT = 52;
    static final int ICMP6_FILTER = 1;
    /** poll(2) revents of a socket that cannot be read any more: error, hang-up, not an open fd. */
    public static final short POLL_FAILED = 0x8 | 0x10 | 0x20; // POLLERR | POLLHUP | POLLNVAL
    static final int ENOMEM = 12;
    static final int ENOBUFS = 105;
    private static final long MSGHDR = 56;
    private static final long CMSG_HEADER = 16;
    private static final Ipv6Address ALL_ROUTERS = Ipv6Address.parse("ff02::2");

    private final Arena arena = Arena.ofShared();
    private final MemorySegment errno = Libc.errnoState(arena);
    private final String name;
    private final int ifindex;
    private final int acceptedType;
    private final Ipv6Address group;
    private final int fd;
    private final MemorySegment buffer = arena.allocate(2048, 8);
    private final MemorySegment iov = arena.allocate(16, 8);
    private final MemorySegment msg = arena.allocate(MSGHDR, 8);
    private final MemorySegment addr = arena.allocate(28, 8);
    private final MemorySegment control = arena.allocate(128, 8);

    /** What {@link #receive} read: the message is in {@link #message()}'s first {@code length} octets. */
    public record Received(int length, int hopLimit, Ipv6Address source, int ifindex) {
    }

    /**
     * Opens the socket on interface {@code name} with index {@code ifindex}.
     *
     * @throws LinuxException naming the call that failed (EPERM without CAP_NET_RAW)
     */
    public Icmp6Socket(String name, int ifindex) throws LinuxException {
        this(name, ifindex, 133, ALL_ROUTERS);
    }

    /**
     * Opens the socket a host uses to hear Router Advertisements (type 134) on interface {@code
     * name}: all-nodes ff02::1, where they are sent, is joined by every IPv6 interface already.
     */
    public static Icmp6Socket forRouterAdvertisements(String name, int ifindex) throws LinuxException {
        return new Icmp6Socket(name, ifindex, 134, null);
    }

    private Icmp6Socket(String name, int ifindex, int acceptedType, Ipv6Address group) throws LinuxException {
        this.acceptedType = acceptedType;
        this.group = group;
        this.name = name;
        this.ifindex = ifindex;
        this.fd = Libc.socket(errno, AF_INET6, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_ICMPV6);
        if (fd < 0) {
            int e = Libc.errno(errno);
            arena.close();
            throw new LinuxException("socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6)", name, e);
        }
        try {
            configure();
        } catch (LinuxException e) {
            close();
            throw e;
        }
    }

    private void configure() throws LinuxException {
        byte[] dev = (name + "\0").getBytes(StandardCharsets.US_ASCII);
        MemorySegment devSeg = arena.allocate(dev.length);
        devSeg.copyFrom(MemorySegment.ofArray(dev));
        setsockopt(SOL_SOCKET, SO_BINDTODEVICE, devSeg, "SO_BINDTODEVICE");
        setInt(IPPROTO_IPV6, IPV6_MULTICAST_HOPS, 255, "IPV6_MULTICAST_HOPS");
        setInt(IPPROTO_IPV6, IPV6_UNICAST_HOPS, 255, "IPV6_UNICAST_HOPS");
        setInt(IPPROTO_IPV6, IPV6_MULTICAST_IF, ifindex, "IPV6_MULTICAST_IF");
        setInt(IPPROTO_IPV6, IPV6_MULTICAST_LOOP, 0, "IPV6_MULTICAST_LOOP");
        setInt(IPPROTO_IPV6, IPV6_RECVPKTINFO, 1, "IPV6_RECVPKTINFO");
        setInt(IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1, "IPV6_RECVHOPLIMIT");
        // Linux ICMP6_FILTER: a set bit blocks the type; pass only the one type (133 RS or 134 RA)
        MemorySegment filter = arena.allocate(32, 4);
        filter.fill((byte) 0xFF);
        int type = acceptedType;
        int word = filter.get(ValueLayout.JAVA_INT, 4L * (type >> 5));
        filter.set(ValueLayout.JAVA_INT, 4L * (type >> 5), word & ~(1 << (type & 31)));
        setsockopt(IPPROTO_ICMPV6, ICMP6_FILTER, filter, "ICMP6_FILTER");
        if (group == null) {
            return;
        }
        MemorySegment mreq = arena.allocate(20, 4);
        putAddress(mreq, 0, group);
        mreq.set(ValueLayout.JAVA_INT, 16, ifindex);
        setsockopt(IPPROTO_IPV6, IPV6_JOIN_GROUP, mreq, "IPV6_JOIN_GROUP " + group);
    }

    private void setInt(int level, int option, int value, String what) throws LinuxException {
        MemorySegment v = arena.allocate(ValueLayout.JAVA_INT);
        v.set(ValueLayout.JAVA_INT, 0, value);
        setsockopt(level, option, v, what);
    }

    private void setsockopt(int level, int option, MemorySegment value, String what) throws LinuxException {
        if (Libc.setsockopt(errno, fd, level, option, value) < 0) {
            throw new LinuxException("setsockopt " + what, name, Libc.errno(errno));
        }
    }

    /** The file descriptor, for poll(2). */
    public int fd() {
        return fd;
    }

    /** The interface name. */
    public String name() {
        return name;
    }

    /**
     * Sends the ICMPv6 {@code message} (checksum left to the kernel) to {@code dst} on this
     * interface from {@code src} (a link-local address of it).
     */
    public void send(byte[] message, Ipv6Address src, Ipv6Address dst) throws LinuxException {
        buffer.asSlice(0, message.length).copyFrom(MemorySegment.ofArray(message));
        addr.fill((byte) 0);
        addr.set(ValueLayout.JAVA_SHORT, 0, (short) AF_INET6);
        putAddress(addr, 8, dst);
        addr.set(ValueLayout.JAVA_INT, 24, ifindex);
        control.fill((byte) 0);
        control.set(ValueLayout.JAVA_LONG, 0, CMSG_HEADER + 20);       // cmsg_len = CMSG_LEN(sizeof in6_pktinfo)
        control.set(ValueLayout.JAVA_INT, 8, IPPROTO_IPV6);
        control.set(ValueLayout.JAVA_INT, 12, IPV6_PKTINFO);
        putAddress(control, CMSG_HEADER, src);
        control.set(ValueLayout.JAVA_INT, CMSG_HEADER + 16, ifindex);
        header(message.length, CMSG_HEADER + 24);                       // CMSG_SPACE(20) = 40
        long sent = Libc.sendmsg(errno, fd, msg, 0);
        if (sent < 0) {
            throw new LinuxException("sendmsg to " + dst, name, Libc.errno(errno));
        }
    }

    /**
     * Reads one pending message, or returns null when none is waiting (EAGAIN). The hop limit is
     * -1 if the kernel gave none (it always does with IPV6_RECVHOPLIMIT).
     */
    public Received receive() throws LinuxException {
        addr.fill((byte) 0);
        control.fill((byte) 0);
        header(buffer.byteSize(), control.byteSize());
        long n = Libc.recvmsg(errno, fd, msg, 0);
        if (n < 0) {
            int e = Libc.errno(errno);
            if (e == Libc.EAGAIN || e == Libc.EINTR) {
                return null;
            }
            throw new LinuxException("recvmsg", name, e);
        }
        int hopLimit = -1;
        int arrived = -1;
        long controlLength = Math.min(msg.get(ValueLayout.JAVA_LONG, 40), control.byteSize());
        for (long at = 0; at + CMSG_HEADER <= controlLength; ) {
            long len = control.get(ValueLayout.JAVA_LONG, at);
            int level = control.get(ValueLayout.JAVA_INT, at + 8);
            int type = control.get(ValueLayout.JAVA_INT, at + 12);
            if (len < CMSG_HEADER || len > controlLength - at) {
                break; // a header that does not fit: read no further (the kernel never writes one)
            }
            if (level == IPPROTO_IPV6 && type == IPV6_HOPLIMIT && len >= CMSG_HEADER + 4) {
                hopLimit = control.get(ValueLayout.JAVA_INT, at + CMSG_HEADER);
            } else if (level == IPPROTO_IPV6 && type == IPV6_PKTINFO && len >= CMSG_HEADER + 20) {
                arrived = control.get(ValueLayout.JAVA_INT, at + CMSG_HEADER + 16);
            }
            at += (len + 7) & ~7L;
        }
        Ipv6Address source = new Ipv6Address(Long.reverseBytes(addr.get(ValueLayout.JAVA_LONG_UNALIGNED, 8)),
                Long.reverseBytes(addr.get(ValueLayout.JAVA_LONG_UNALIGNED, 16)));
        return new Received((int) n, hopLimit, source, arrived);
    }

    /**
     * Whether a {@link #receive} failure with {@code errno} may pass (the kernel was short of memory
     * for one datagram); any other error means the socket cannot be read any more (EBADF, ENOTSOCK,
     * EFAULT...) and its loop must stop visibly.
     */
    public static boolean transientError(int errno) {
        return errno == ENOMEM || errno == ENOBUFS;
    }

    /** A copy of the first {@code length} octets of the last received message. */
    public byte[] message(int length) {
        return buffer.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE);
    }

    private void header(long dataLength, long controlLength) {
        iov.set(ValueLayout.JAVA_LONG, 0, buffer.address());
        iov.set(ValueLayout.JAVA_LONG, 8, dataLength);
        msg.fill((byte) 0);
        msg.set(ValueLayout.ADDRESS, 0, addr);
        msg.set(ValueLayout.JAVA_INT, 8, 28);
        msg.set(ValueLayout.ADDRESS, 16, iov);
        msg.set(ValueLayout.JAVA_LONG, 24, 1);
        msg.set(ValueLayout.ADDRESS, 32, control);
        msg.set(ValueLayout.JAVA_LONG, 40, controlLength);
    }

    private static void putAddress(MemorySegment s, long off, Ipv6Address a) {
        s.set(ValueLayout.JAVA_LONG_UNALIGNED, off, Long.reverseBytes(a.hi()));
        s.set(ValueLayout.JAVA_LONG_UNALIGNED, off + 8, Long.reverseBytes(a.lo()));
    }

    @Override
    public void close() {
        if (fd >= 0) {
            Libc.close(errno, fd);
        }
        arena.close();
    }
}
