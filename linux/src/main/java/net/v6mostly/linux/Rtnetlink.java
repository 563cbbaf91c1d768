package net.v6mostly.linux;

import static net.v6mostly.linux.NetlinkHeader.NLM_F_CREATE;
import static net.v6mostly.linux.NetlinkHeader.NLM_F_EXCL;
import static net.v6mostly.linux.NetlinkHeader.NLM_F_REPLACE;
import static net.v6mostly.linux.RtnetlinkMessages.ACKED;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.linux.RtnetlinkMessages.RouteSpec;

/**
 * Configures interfaces, addresses and routes of the current network namespace over one
 * NETLINK_ROUTE socket (rtnetlink(7)), as {@code ip link|address|route} would, without shelling
 * out. Every change is sent with NLM_F_ACK and its own sequence number and waits for the kernel's
 * NLMSG_ERROR (error 0 is the ack); dumps read multi-part replies until NLMSG_DONE. Receives are
 * bounded by SO_RCVTIMEO and a datagram count, so no call can hang. Failures are
 * {@link NetlinkException}s naming the request, the interface and the errno. One request at a
 * time: calls from several threads are serialised.
 */
public final class Rtnetlink implements AutoCloseable {
    /** How long one receive waits for the kernel by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    /** netlink(7) suggests 8 KiB; dumps of big tables fill whole pages, so take 64 KiB and check. */
    private static final int RECEIVE_BUFFER = 64 * 1024;
    private static final int SEND_BUFFER = 1024;
    /** Bound on the datagrams of one reply: a routing table of millions of routes is not our case. */
    private static final int MAX_DATAGRAMS = 100_000;
    private static final int DUMP_ATTEMPTS = 3;
    private static final int EMSGSIZE = 90;
    /** IFNAMSIZ (16) less the terminating NUL. */
    private static final int MAX_NAME = 15;

    private final Arena arena;
    private final int fd;
    private final long timeoutNanos;
    private final MemorySegment send;
    private final MemorySegment receive;
    private int seq;
    private boolean closed;

    private Rtnetlink(Arena arena, int fd, Duration timeout) {
        this.arena = arena;
        this.fd = fd;
        this.timeoutNanos = timeout.toNanos();
        this.send = arena.allocate(SEND_BUFFER, 8);
        this.receive = arena.allocate(RECEIVE_BUFFER, 8);
        this.seq = (int) (System.nanoTime() & 0x3FFF_FFFF);
    }

    /** Opens a NETLINK_ROUTE socket with the {@link #DEFAULT_TIMEOUT} per receive. */
    public static Rtnetlink open() throws NetlinkException {
        return open(DEFAULT_TIMEOUT);
    }

    /**
     * Opens a NETLINK_ROUTE socket: SOCK_CLOEXEC, SO_RCVTIMEO {@code receiveTimeout}, extended acks
     * (NETLINK_EXT_ACK, NETLINK_CAP_ACK; skipped where the kernel lacks them), bound to a port id
     * the kernel chooses.
     */
    public static Rtnetlink open(Duration receiveTimeout) throws NetlinkException {
        if (receiveTimeout.isNegative() || receiveTimeout.isZero() || receiveTimeout.toSeconds() > 3600) {
            throw new IllegalArgumentException("receive timeout must be above 0 and at most an hour, not " + receiveTimeout);
        }
        int fd = NetlinkSyscalls.socket(NetlinkSyscalls.AF_NETLINK,
                NetlinkSyscalls.SOCK_RAW | NetlinkSyscalls.SOCK_CLOEXEC, NetlinkSyscalls.NETLINK_ROUTE);
        try {
            NetlinkSyscalls.setReceiveTimeout(fd, Math.max(1, receiveTimeout.toMillis()));
            optional(fd, NetlinkSyscalls.NETLINK_EXT_ACK, "NETLINK_EXT_ACK");
            optional(fd, NetlinkSyscalls.NETLINK_CAP_ACK, "NETLINK_CAP_ACK");
            NetlinkSyscalls.bindNetlink(fd);
            return new Rtnetlink(Arena.ofShared(), fd, receiveTimeout);
        } catch (NetlinkException | RuntimeException e) {
            try {
                NetlinkSyscalls.close(fd);
            } catch (NetlinkException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static void optional(int fd, int option, String name) {
        try {
            NetlinkSyscalls.setIntOption(fd, NetlinkSyscalls.SOL_NETLINK, option, 1, name);
        } catch (NetlinkException e) {
            // kernels before 4.12 lack it: errors then come without the kernel's text
        }
    }

    /** The index of interface {@code name}; a NetlinkException (ENODEV) naming it when absent. */
    public int ifindex(String name) throws NetlinkException {
        return index("if_nametoindex", name);
    }

    /** The interface's index, flags and MTU (RTM_GETLINK). */
    public RtnetlinkLink link(String name) throws NetlinkException {
        int index = index("RTM_GETLINK", name);
        List<RtnetlinkLink> out = new ArrayList<>(1);
        exchange("RTM_GETLINK", name, (s, q) -> RtnetlinkMessages.getLink(s, q, index), (type, m) -> {
            if (type == RtnetlinkMessages.RTM_NEWLINK) {
                out.add(RtnetlinkParsers.link(m));
            }
        });
        if (out.size() != 1) {
            throw new NetlinkException("RTM_GETLINK", name, NetlinkErrno.EBADMSG,
                    "expected one RTM_NEWLINK in the reply, got " + out.size(), null);
        }
        return out.getFirst();
    }

    /** Sets or clears IFF_UP ({@code ip link set NAME up|down}), leaving the other flags alone. */
    public void setLinkUp(String name, boolean up) throws NetlinkException {
        String op = "RTM_NEWLINK " + (up ? "up" : "down");
        int index = index(op, name);
        int flags = up ? RtnetlinkMessages.IFF_UP : 0;
        exchange(op, name, (s, q) -> RtnetlinkMessages.setLinkFlags(s, q, index, flags, RtnetlinkMessages.IFF_UP), null);
    }

    /** Sets the MTU ({@code ip link set NAME mtu MTU}). */
    public void setMtu(String name, int mtu) throws NetlinkException {
        if (mtu <= 0) {
            throw new IllegalArgumentException("MTU must be positive, not " + mtu);
        }
        String op = "RTM_NEWLINK mtu " + mtu;
        int index = index(op, name);
        exchange(op, name, (s, q) -> RtnetlinkMessages.setMtu(s, q, index, mtu), null);
    }

    /** Adds an address ({@code ip address add}); EEXIST when it is already there. */
    public void addAddress(String name, InterfaceAddress address) throws NetlinkException {
        address(name, address, RtnetlinkMessages.RTM_NEWADDR, ACKED | NLM_F_CREATE | NLM_F_EXCL, "RTM_NEWADDR ");
    }

    /** Adds an address or updates it when present ({@code ip address replace}): idempotent. */
    public void replaceAddress(String name, InterfaceAddress address) throws NetlinkException {
        address(name, address, RtnetlinkMessages.RTM_NEWADDR, ACKED | NLM_F_CREATE | NLM_F_REPLACE,
                "RTM_NEWADDR replace ");
    }

    /**
     * Adds an IPv6 address with Duplicate Address Detection (RFC 4862 §5.4): it stays tentative
     * (IFA_F_TENTATIVE) until DAD passes, or is marked IFA_F_DADFAILED; watch it with {@link #addresses}.
     */
    public void addAddressWithDad(String name, InterfaceAddress6 address) throws NetlinkException {
        Objects.requireNonNull(address, "address");
        String op = "RTM_NEWADDR (with DAD) " + address;
        int index = index(op, name);
        exchange(op, name, (s, q) -> RtnetlinkMessages.address(s, q, RtnetlinkMessages.RTM_NEWADDR,
                ACKED | NLM_F_CREATE | NLM_F_REPLACE, index, address, true), null);
    }

    /** Adds an IPv6 proxy neighbour entry ({@code ip -6 neigh replace proxy ADDR dev NAME}): idempotent. */
    public void addProxyNeighbour(String name, Ipv6Address address) throws NetlinkException {
        String op = "RTM_NEWNEIGH proxy " + address;
        int index = index(op, name);
        byte[] a = RtnetlinkMessages.bytes(address.hi(), address.lo());
        exchange(op, name, (s, q) -> RtnetlinkMessages.proxyNeighbour(s, q, RtnetlinkMessages.RTM_NEWNEIGH,
                ACKED | NLM_F_CREATE | NLM_F_REPLACE, index, a), null);
    }

    /** Removes an IPv6 proxy neighbour entry; ENOENT when there is none. */
    public void deleteProxyNeighbour(String name, Ipv6Address address) throws NetlinkException {
        String op = "RTM_DELNEIGH proxy " + address;
        int index = index(op, name);
        byte[] a = RtnetlinkMessages.bytes(address.hi(), address.lo());
        exchange(op, name, (s, q) -> RtnetlinkMessages.proxyNeighbour(s, q, RtnetlinkMessages.RTM_DELNEIGH, ACKED,
                index, a), null);
    }

    /** Removes an address ({@code ip address del}); EADDRNOTAVAIL when it is not there. */
    public void deleteAddress(String name, InterfaceAddress address) throws NetlinkException {
        address(name, address, RtnetlinkMessages.RTM_DELADDR, ACKED, "RTM_DELADDR ");
    }

    private void address(String name, InterfaceAddress address, int type, int flags, String verb)
            throws NetlinkException {
        Objects.requireNonNull(address, "address");
        String op = verb + address;
        int index = index(op, name);
        exchange(op, name, (s, q) -> RtnetlinkMessages.address(s, q, type, flags, index, address), null);
    }

    /** The IPv4 and IPv6 addresses of interface {@code name} (RTM_GETADDR dump). */
    public List<RtnetlinkAddress> addresses(String name) throws NetlinkException {
        int index = index("RTM_GETADDR", name);
        List<RtnetlinkAddress> out = new ArrayList<>();
        dump("RTM_GETADDR", name, RtnetlinkMessages.RTM_GETADDR, out, m -> {
            RtnetlinkAddress a = RtnetlinkParsers.address(m);
            return a != null && a.ifindex() == index ? a : null;
        });
        return List.copyOf(out);
    }

    /** Adds an on-link IPv4 route, scope link ({@code ip route add PREFIX dev NAME proto static}). */
    public void addRoute(Ipv4Prefix prefix, String device) throws NetlinkException {
        newRoute(spec4(prefix, null), prefix.toString(), device, NLM_F_CREATE | NLM_F_EXCL);
    }

    /** Adds an IPv4 route through {@code gateway} ({@code ip route add PREFIX via GW dev NAME}). */
    public void addRoute(Ipv4Prefix prefix, int gateway, String device) throws NetlinkException {
        newRoute(spec4(prefix, gateway), prefix + " via " + Ipv4.format(gateway), device, NLM_F_CREATE | NLM_F_EXCL);
    }

    /** Adds an on-link IPv6 route ({@code ip -6 route add PREFIX dev NAME proto static}). */
    public void addRoute(Ipv6Prefix prefix, String device) throws NetlinkException {
        newRoute(spec6(prefix, null), prefix.toString(), device, NLM_F_CREATE | NLM_F_EXCL);
    }

    /** Adds an IPv6 route through {@code gateway}. */
    public void addRoute(Ipv6Prefix prefix, Ipv6Address gateway, String device) throws NetlinkException {
        newRoute(spec6(prefix, gateway), prefix + " via " + gateway, device, NLM_F_CREATE | NLM_F_EXCL);
    }

    /** Adds or replaces an on-link IPv4 route ({@code ip route replace}): idempotent. */
    public void replaceRoute(Ipv4Prefix prefix, String device) throws NetlinkException {
        newRoute(spec4(prefix, null), prefix.toString(), device, NLM_F_CREATE | NLM_F_REPLACE);
    }

    /** Adds or replaces an IPv4 route through {@code gateway}. */
    public void replaceRoute(Ipv4Prefix prefix, int gateway, String device) throws NetlinkException {
        newRoute(spec4(prefix, gateway), prefix + " via " + Ipv4.format(gateway), device, NLM_F_CREATE | NLM_F_REPLACE);
    }

    /** Adds or replaces an on-link IPv6 route. */
    public void replaceRoute(Ipv6Prefix prefix, String device) throws NetlinkException {
        newRoute(spec6(prefix, null), prefix.toString(), device, NLM_F_CREATE | NLM_F_REPLACE);
    }

    /** Adds or replaces an IPv6 route through {@code gateway}. */
    public void replaceRoute(Ipv6Prefix prefix, Ipv6Address gateway, String device) throws NetlinkException {
        newRoute(spec6(prefix, gateway), prefix + " via " + gateway, device, NLM_F_CREATE | NLM_F_REPLACE);
    }

    /** Removes an on-link IPv4 route of the main table; ESRCH when there is none. */
    public void deleteRoute(Ipv4Prefix prefix, String device) throws NetlinkException {
        deleteRoute(spec4(prefix, null), prefix.toString(), device);
    }

    /** Removes an IPv4 route through {@code gateway}. */
    public void deleteRoute(Ipv4Prefix prefix, int gateway, String device) throws NetlinkException {
        deleteRoute(spec4(prefix, gateway), prefix + " via " + Ipv4.format(gateway), device);
    }

    /** Removes an on-link IPv6 route of the main table; ESRCH when there is none. */
    public void deleteRoute(Ipv6Prefix prefix, String device) throws NetlinkException {
        deleteRoute(spec6(prefix, null), prefix.toString(), device);
    }

    /** Removes an IPv6 route through {@code gateway}. */
    public void deleteRoute(Ipv6Prefix prefix, Ipv6Address gateway, String device) throws NetlinkException {
        deleteRoute(spec6(prefix, gateway), prefix + " via " + gateway, device);
    }

    /** Adds or replaces an on-link IPv4 route with a metric ({@code ip route replace PREFIX dev NAME metric M}). */
    public void replaceRoute(Ipv4Prefix prefix, String device, int metric) throws NetlinkException {
        RouteSpec s = spec4(prefix, null);
        newRoute(new RouteSpec(s.family(), s.destination(), s.dstLength(), null, 0, metric),
                prefix + " metric " + metric, device, NLM_F_CREATE | NLM_F_REPLACE);
    }

    /** Removes the on-link IPv4 route with this metric; ESRCH when there is none. */
    public void deleteRoute(Ipv4Prefix prefix, String device, int metric) throws NetlinkException {
        RouteSpec s = spec4(prefix, null);
        deleteRoute(new RouteSpec(s.family(), s.destination(), s.dstLength(), null, 0, metric),
                prefix + " metric " + metric, device);
    }

    /** The IPv4 and IPv6 routes of every table and interface (RTM_GETROUTE dumps). */
    public List<RtnetlinkRoute> allRoutes() throws NetlinkException {
        List<RtnetlinkRoute> out = new ArrayList<>();
        dump("RTM_GETROUTE", "*", RtnetlinkMessages.RTM_GETROUTE, out, RtnetlinkParsers::route);
        return List.copyOf(out);
    }

    /** The IPv4 and IPv6 addresses of every interface (RTM_GETADDR dump). */
    public List<RtnetlinkAddress> allAddresses() throws NetlinkException {
        List<RtnetlinkAddress> out = new ArrayList<>();
        dump("RTM_GETADDR", "*", RtnetlinkMessages.RTM_GETADDR, out, RtnetlinkParsers::address);
        return List.copyOf(out);
    }

    /** The IPv4 and IPv6 routes of every table whose output interface is {@code device} (RTM_GETROUTE dumps). */
    public List<RtnetlinkRoute> routes(String device) throws NetlinkException {
        int index = index("RTM_GETROUTE", device);
        List<RtnetlinkRoute> out = new ArrayList<>();
        dump("RTM_GETROUTE", device, RtnetlinkMessages.RTM_GETROUTE, out, m -> {
            RtnetlinkRoute r = RtnetlinkParsers.route(m);
            return r != null && r.outputIndex() == index ? r : null;
        });
        return List.copyOf(out);
    }

    private static RouteSpec spec4(Ipv4Prefix prefix, Integer gateway) {
        Objects.requireNonNull(prefix, "prefix");
        return new RouteSpec(RtnetlinkMessages.AF_INET, RtnetlinkMessages.bytes(prefix.address()), prefix.length(),
                gateway == null ? null : RtnetlinkMessages.bytes(gateway), 0);
    }

    private static RouteSpec spec6(Ipv6Prefix prefix, Ipv6Address gateway) {
        Objects.requireNonNull(prefix, "prefix");
        return new RouteSpec(RtnetlinkMessages.AF_INET6, RtnetlinkMessages.bytes(prefix.hi(), prefix.lo()),
                prefix.length(), gateway == null ? null : RtnetlinkMessages.bytes(gateway.hi(), gateway.lo()), 0);
    }

    private void newRoute(RouteSpec spec, String what, String device, int flags) throws NetlinkException {
        String op = "RTM_NEWROUTE " + ((flags & NLM_F_REPLACE) != 0 ? "replace " : "") + what;
        RouteSpec r = withIndex(spec, index(op, device));
        exchange(op, device, (s, q) -> RtnetlinkMessages.newRoute(s, q, ACKED | flags, r), null);
    }

    private void deleteRoute(RouteSpec spec, String what, String device) throws NetlinkException {
        String op = "RTM_DELROUTE " + what;
        RouteSpec r = withIndex(spec, index(op, device));
        exchange(op, device, (s, q) -> RtnetlinkMessages.deleteRoute(s, q, r), null);
    }

    private static RouteSpec withIndex(RouteSpec s, int index) {
        return new RouteSpec(s.family(), s.destination(), s.dstLength(), s.gateway(), index, s.metric());
    }

    private int index(String operation, String name) throws NetlinkException {
        Objects.requireNonNull(name, "interface name");
        if (name.isEmpty() || name.length() > MAX_NAME || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a Linux interface name (1..15 characters, no '/'): '" + name + "'");
        }
        return NetlinkSyscalls.ifNameToIndex(name, operation);
    }

    /** Parses one data message into a result, or null to skip it. */
    @FunctionalInterface
    private interface Parser<T> {
        T parse(MemorySegment message) throws NetlinkFormatException;
    }

    /** Dumps both families, retrying when the kernel flags the dump inconsistent (NLM_F_DUMP_INTR). */
    private <T> void dump(String op, String name, int type, List<T> out, Parser<T> parser) throws NetlinkException {
        for (int attempt = 1; ; attempt++) {
            out.clear();
            boolean interrupted = exchange(op, name, (s, q) -> RtnetlinkMessages.dump(s, q, type, RtnetlinkMessages.AF_UNSPEC),
                    (t, m) -> {
                        T item = t == type - 2 ? parser.parse(m) : null; // RTM_GETx answers with RTM_NEWx
                        if (item != null) {
                            out.add(item);
                        }
                    });
            if (!interrupted) {
                return;
            }
            if (attempt == DUMP_ATTEMPTS) {
                throw new NetlinkException(op, name, NetlinkErrno.EINTR,
                        "the table kept changing during " + DUMP_ATTEMPTS + " dumps (NLM_F_DUMP_INTR)", null);
            }
        }
    }

    /** Writes a request into the send buffer for sequence number {@code seq}; returns its length. */
    @FunctionalInterface
    private interface Builder {
        int build(MemorySegment buffer, int seq);
    }

    /**
     * Sends one request and reads datagrams until its NLMSG_ERROR or NLMSG_DONE.
     *
     * @return whether a dump reply carried NLM_F_DUMP_INTR
     */
    private synchronized boolean exchange(String op, String name, Builder builder, NetlinkReplies.Handler handler)
            throws NetlinkException {
        if (closed) {
            throw new IllegalStateException("this rtnetlink socket is closed (" + op + ")");
        }
        int s = ++seq;
        int length = builder.build(send, s);
        NetlinkSyscalls.sendToKernel(fd, send, length, op, name);
        NetlinkReplies.Handler h = handler != null ? handler : (type, m) -> { };
        long deadline = System.nanoTime() + 4 * timeoutNanos;
        boolean interrupted = false;
        for (int datagrams = 0; datagrams < MAX_DATAGRAMS && System.nanoTime() - deadline < 0; datagrams++) {
            int n = NetlinkSyscalls.receive(fd, receive, op, name);
            if (n > receive.byteSize()) {
                throw new NetlinkException(op, name, EMSGSIZE, "a reply datagram of " + n
                        + " bytes did not fit the " + receive.byteSize() + "-byte buffer", null);
            }
            NetlinkReplies.Outcome o;
            try {
                o = NetlinkReplies.scan(receive.asSlice(0, n), s, interrupted, h);
            } catch (NetlinkFormatException e) {
                throw new NetlinkException(op, name, NetlinkErrno.EBADMSG, "malformed reply: " + e.getMessage(), null, e);
            }
            interrupted = o.interrupted();
            if (o.finished()) {
                if (o.errno() != 0) {
                    throw new NetlinkException(op, name, o.errno(), NetlinkSyscalls.strerror(o.errno()), o.kernelMessage());
                }
                return interrupted;
            }
        }
        throw new NetlinkException(op, name, NetlinkErrno.EAGAIN, "the reply did not end (no NLMSG_ERROR or NLMSG_DONE) within "
                + Duration.ofNanos(4 * timeoutNanos).toMillis() + " ms", null);
    }

    /** Closes the socket; later calls throw IllegalStateException. Closing twice does nothing. */
    @Override
    public synchronized void close() throws NetlinkException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            NetlinkSyscalls.close(fd);
        } finally {
            arena.close();
        }
    }
}
