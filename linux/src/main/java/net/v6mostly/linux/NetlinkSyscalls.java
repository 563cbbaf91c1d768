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
 * The few libc calls a netlink socket needs, as FFM downcalls ({@link Linker#nativeLinker()}, no
 * JNI): socket(2), bind(2), setsockopt(2), sendto(2), recv(2), close(2), if_nametoindex(3) and
 * strerror(3). Each call captures {@code errno} ({@link Linker.Option#captureCallState}) so a
 * failure becomes a {@link NetlinkException} carrying the errno, its name and its strerror text.
 * Kept apart from the TUN code's libc class so the two files never collide.
 */
@SuppressWarnings("restricted") // native downcalls are this class's purpose; callers need --enable-native-access
final class NetlinkSyscalls {
    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int NETLINK_ROUTE = 0;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVTIMEO = 20;
    /** {@code SOL_NETLINK}, for the options in netlink(7). */
    static final int SOL_NETLINK = 270;
    static final int NETLINK_CAP_ACK = 10;
    static final int NETLINK_EXT_ACK = 11;
    /** recv(2): return the real datagram length even when it did not fit. */
    static final int MSG_TRUNC = 0x20;
    /** {@code sizeof(struct sockaddr_nl)}: family, pad, pid, groups. */
    static final int SOCKADDR_NL_SIZE = 12;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");

    private static final MethodHandle SOCKET = capture("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = capture("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = capture("setsockopt",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SENDTO = capture("sendto",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECV = capture("recv",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle CLOSE = capture("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle IF_NAMETOINDEX = capture("if_nametoindex", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle STRERROR = LINKER.downcallHandle(
            LINKER.defaultLookup().find("strerror").orElseThrow(), FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private NetlinkSyscalls() {
    }

    private static MethodHandle capture(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name + "()"));
        return LINKER.downcallHandle(symbol, descriptor, CAPTURE);
    }

    /** socket(2); returns the descriptor. */
    static int socket(int domain, int type, int protocol) throws NetlinkException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            int fd = (int) SOCKET.invokeExact(state, domain, type, protocol);
            if (fd < 0) {
                throw failure("socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE)", null, errno(state));
            }
            return fd;
        } catch (NetlinkException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("socket", t);
        }
    }

    /** bind(2) to {@code struct sockaddr_nl} with port id 0 (the kernel assigns one) and no groups. */
    static void bindNetlink(int fd) throws NetlinkException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            MemorySegment address = sockaddrNl(arena);
            if ((int) BIND.invokeExact(state, fd, address, SOCKADDR_NL_SIZE) < 0) {
                throw failure("bind(AF_NETLINK)", null, errno(state));
            }
        } catch (NetlinkException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("bind", t);
        }
    }

    /** setsockopt(2) with an {@code int} value; {@code what} names the option in errors. */
    static void setIntOption(int fd, int level, int option, int value, String what) throws NetlinkException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            MemorySegment v = arena.allocateFrom(JAVA_INT, value);
            if ((int) SETSOCKOPT.invokeExact(state, fd, level, option, v, 4) < 0) {
                throw failure("setsockopt(" + what + ")", null, errno(state));
            }
        } catch (NetlinkException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("setsockopt", t);
        }
    }

    /** SO_RCVTIMEO (socket(7)): {@code struct timeval} of {@code millis}, so recv(2) cannot block forever. */
    static void setReceiveTimeout(int fd, long millis) throws NetlinkException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            MemorySegment timeval = arena.allocate(16, 8);
            timeval.set(JAVA_LONG, 0, millis / 1000);
            timeval.set(JAVA_LONG, 8, (millis % 1000) * 1000);
            if ((int) SETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_RCVTIMEO, timeval, 16) < 0) {
                throw failure("setsockopt(SO_RCVTIMEO)", null, errno(state));
            }
        } catch (NetlinkException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("setsockopt", t);
        }
    }

    /** sendto(2) of {@code length} bytes of native {@code buffer} to the kernel (port id 0). */
    static void sendToKernel(int fd, MemorySegment buffer, int length, String operation, String ifname)
            throws NetlinkException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            MemorySegment kernel = sockaddrNl(arena);
            long sent = (long) SENDTO.invokeExact(state, fd, buffer, (long) length, 0, kernel, SOCKADDR_NL_SIZE);
            if (sent < 0) {
                throw failure(operation + " (sendto)", ifname, errno(state));
            }
            if (sent != length) {
                throw new NetlinkException(operation + " (sendto)", ifname, NetlinkErrno.EBADMSG,
                        "sent " + sent + " of " + length + " bytes", null);
            }
        } catch (NetlinkException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(operation, t);
        }
    }

    /**
     * recv(2) with MSG_TRUNC into native {@code buffer}: returns the datagram's real length, which
     * exceeds the buffer when it did not fit. A receive timeout becomes a NetlinkException (EAGAIN).
     */
    static int receive(int fd, MemorySegment buffer, String operation, String ifname) throws NetlinkException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            for (int attempt = 0; ; attempt++) {
                long n = (long) RECV.invokeExact(state, fd, buffer, buffer.byteSize(), MSG_TRUNC);
                if (n >= 0) {
                    return (int) Math.min(n, Integer.MAX_VALUE);
                }
                int errno = errno(state);
                if (errno == NetlinkErrno.EINTR && attempt < 3) {
                    continue;
                }
                if (errno == NetlinkErrno.EAGAIN) {
                    throw new NetlinkException(operation, ifname, errno,
                            "no reply from the kernel within the receive timeout", null);
                }
                throw failure(operation + " (recv)", ifname, errno);
            }
        } catch (NetlinkException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected(operation, t);
        }
    }

    /** close(2); a failure is reported, though the descriptor is gone either way. */
    static void close(int fd) throws NetlinkException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            if ((int) CLOSE.invokeExact(state, fd) < 0) {
                throw failure("close(netlink socket)", null, errno(state));
            }
        } catch (NetlinkException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("close", t);
        }
    }

    /**
     * if_nametoindex(3); an absent interface is a NetlinkException naming it (ENODEV).
     *
     * @param operation the request that needs the index, named in the error
     */
    static int ifNameToIndex(String name, String operation) throws NetlinkException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            int index = (int) IF_NAMETOINDEX.invokeExact(state, arena.allocateFrom(name));
            if (index == 0) {
                int errno = errno(state);
                int code = errno == 0 ? NetlinkErrno.ENODEV : errno;
                throw new NetlinkException(operation, name, code,
                        "no such interface in this network namespace: " + strerror(code), null);
            }
            return index;
        } catch (NetlinkException e) {
            throw e;
        } catch (Throwable t) {
            throw unexpected("if_nametoindex", t);
        }
    }

    /** strerror(3) text of {@code errno}, e.g. "File exists". */
    static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.equals(MemorySegment.NULL) ? "errno " + errno : text.reinterpret(256).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    static NetlinkException failure(String operation, String ifname, int errno) {
        return new NetlinkException(operation, ifname, errno, strerror(errno), null);
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static MemorySegment sockaddrNl(Arena arena) {
        MemorySegment address = arena.allocate(SOCKADDR_NL_SIZE, 4);
        address.set(NetlinkHeader.SHORT, 0, (short) AF_NETLINK);
        return address;
    }

    private static IllegalStateException unexpected(String call, Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("downcall " + call + " failed unexpectedly", t);
    }
}
