package net.v6mostly.linux;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few libc calls the TUN data path and the raw sockets make (open(2), close(2), ioctl(2),
 * read(2), write(2), poll(2), socket(2), socketpair(2), setsockopt(2), sendmsg(2), recvmsg(2)), bound once
 * through the FFM {@link Linker} with errno captured in a caller-owned segment, so the packet path neither
 * allocates nor loses errno.
 */
public final class Libc {
    public static final int O_RDWR = 2;
    public static final int O_NONBLOCK = 0x800;
    public static final int O_CLOEXEC = 0x80000;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int EBADF = 9;
    public static final int ENOBUFS = 105;
    public static final int AF_UNIX = 1;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_SEQPACKET = 5;
    public static final int SOCK_NONBLOCK = 0x800;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_SNDBUF = 7;
    public static final short POLLIN = 1;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option ERRNO_OPTION = Linker.Option.captureCallState("errno");

    private static final MethodHandle OPEN = bind("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT), true);
    private static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), true);
    private static final MethodHandle IOCTL_PTR = LINKER.downcallHandle(LINKER.defaultLookup().find("ioctl").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), ERRNO_OPTION, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle IOCTL_INT = LINKER.downcallHandle(LINKER.defaultLookup().find("ioctl").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG), ERRNO_OPTION, Linker.Option.firstVariadicArg(2));
    // the packet path passes raw addresses (segment.address() + offset): no slice per call
    private static final MethodHandle READ = bind("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG), true);
    private static final MethodHandle WRITE = bind("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG), true);
    private static final MethodHandle POLL = bind("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), true);
    private static final MethodHandle SOCKET = bind("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), true);
    private static final MethodHandle SOCKETPAIR = bind("socketpair",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS), true);
    private static final MethodHandle SETSOCKOPT = bind("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT), true);
    private static final MethodHandle SENDMSG = bind("sendmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT), true);
    private static final MethodHandle RECVMSG = bind("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT), true);
    private static final MethodHandle STRERROR = bind("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT), false);

    private Libc() {
    }

    private static MethodHandle bind(String name, FunctionDescriptor descriptor, boolean errno) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        return errno ? LINKER.downcallHandle(symbol, descriptor, ERRNO_OPTION) : LINKER.downcallHandle(symbol, descriptor);
    }

    /** A segment to capture errno into; one per thread, allocated once. */
    public static MemorySegment errnoState(Arena arena) {
        return arena.allocate(CAPTURE);
    }

    /** errno as captured by the last call that used {@code state}. */
    public static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /** strerror(3) text for {@code errno}, e.g. "No such device". */
    public static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    public static int open(MemorySegment state, MemorySegment path, int flags) {
        try {
            return (int) OPEN.invokeExact(state, path, flags);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    public static int close(MemorySegment state, int fd) {
        try {
            return (int) CLOSE.invokeExact(state, fd);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** ioctl(2) with a pointer argument. */
    public static int ioctl(MemorySegment state, int fd, long request, MemorySegment arg) {
        try {
            return (int) IOCTL_PTR.invokeExact(state, fd, request, arg);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** ioctl(2) with an integer argument. */
    public static int ioctl(MemorySegment state, int fd, long request, long arg) {
        try {
            return (int) IOCTL_INT.invokeExact(state, fd, request, arg);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** read(2) into native memory at {@code address}. */
    public static long read(MemorySegment state, int fd, long address, long count) {
        try {
            return (long) READ.invokeExact(state, fd, address, count);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** write(2) from native memory at {@code address}. */
    public static long write(MemorySegment state, int fd, long address, long count) {
        try {
            return (long) WRITE.invokeExact(state, fd, address, count);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** poll(2) on {@code count} struct pollfd entries in {@code fds}. */
    public static int poll(MemorySegment state, MemorySegment fds, long count, int timeoutMillis) {
        try {
            return (int) POLL.invokeExact(state, fds, count, timeoutMillis);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** socket(2). */
    public static int socket(MemorySegment state, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(state, domain, type, protocol);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** socketpair(2): the two descriptors go into {@code fds} (two ints). */
    public static int socketpair(MemorySegment state, int domain, int type, int protocol, MemorySegment fds) {
        try {
            return (int) SOCKETPAIR.invokeExact(state, domain, type, protocol, fds);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** setsockopt(2) with the option value in {@code value}. */
    public static int setsockopt(MemorySegment state, int fd, int level, int name, MemorySegment value) {
        try {
            return (int) SETSOCKOPT.invokeExact(state, fd, level, name, value, (int) value.byteSize());
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** sendmsg(2) of the struct msghdr in {@code msg}. */
    public static long sendmsg(MemorySegment state, int fd, MemorySegment msg, int flags) {
        try {
            return (long) SENDMSG.invokeExact(state, fd, msg, flags);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /** recvmsg(2) into the struct msghdr in {@code msg}. */
    public static long recvmsg(MemorySegment state, int fd, MemorySegment msg, int flags) {
        try {
            return (long) RECVMSG.invokeExact(state, fd, msg, flags);
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }
}
