package net.v6mostly.net;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The socket calls of the DHCPv4 adapter, socket(2), setsockopt(2), bind(2), recvmmsg(2),
 * sendmmsg(2), sendto(2), if_nametoindex(3), if_indextoname(3), bound through FFM with errno captured like
 * {@link net.v6mostly.linux.Libc}.
 */
final class SocketCalls {
    static final int AF_INET = 2;
    static final int AF_PACKET = 17;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_REUSEADDR = 2;
    static final int SO_BROADCAST = 6;
    static final int SO_BINDTODEVICE = 25;
    static final int SO_RCVBUF = 8;
    /** SO_RCVBUF beyond net.core.rmem_max; needs CAP_NET_ADMIN (socket(7)). */
    static final int SO_RCVBUFFORCE = 33;
    static final int IPPROTO_IP = 0;
    static final int IP_PKTINFO = 8;
    static final int MSG_DONTWAIT = 0x40;
    /** struct msghdr on x86-64/aarch64: name, namelen, iov, iovlen, control, controllen, flags. */
    static final long MSGHDR_SIZE = 56;
    /** struct mmsghdr: a msghdr, then unsigned msg_len, padded to 8. */
    static final long MMSGHDR_SIZE = 64;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    private static final MethodHandle SOCKET = bind("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = bind("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle BIND = bind("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECVMMSG = bind("recvmmsg",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle SENDMMSG = bind("sendmmsg",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle SENDTO = bind("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle NAMETOINDEX = bind("if_nametoindex", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle INDEXTONAME = bind("if_indextoname", FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS));

    private SocketCalls() {
    }

    private static MethodHandle bind(String name, FunctionDescriptor d) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name)), d, ERRNO);
    }

    static int socket(MemorySegment st, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(st, domain, type, protocol);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    static int setsockopt(MemorySegment st, int fd, int level, int name, MemorySegment value, int length) {
        try {
            return (int) SETSOCKOPT.invokeExact(st, fd, level, name, value, length);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    static int bind(MemorySegment st, int fd, MemorySegment address, int length) {
        try {
            return (int) BIND.invokeExact(st, fd, address, length);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** recvmmsg(2) without a timeout: up to {@code count} datagrams into {@code vector}. */
    static int recvmmsg(MemorySegment st, int fd, MemorySegment vector, int count, int flags) {
        try {
            return (int) RECVMMSG.invokeExact(st, fd, vector, count, flags, MemorySegment.NULL);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** sendmmsg(2): how many of the first {@code count} messages went out, or -1. */
    static int sendmmsg(MemorySegment st, int fd, MemorySegment vector, int count, int flags) {
        try {
            return (int) SENDMMSG.invokeExact(st, fd, vector, count, flags);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    static long sendto(MemorySegment st, int fd, MemorySegment buf, long length, int flags, MemorySegment to, int toLength) {
        try {
            return (long) SENDTO.invokeExact(st, fd, buf, length, flags, to, toLength);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    static int nameToIndex(MemorySegment st, MemorySegment name) {
        try {
            return (int) NAMETOINDEX.invokeExact(st, name);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    static MemorySegment indexToName(MemorySegment st, int index, MemorySegment buf) {
        try {
            return (MemorySegment) INDEXTONAME.invokeExact(st, index, buf);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
