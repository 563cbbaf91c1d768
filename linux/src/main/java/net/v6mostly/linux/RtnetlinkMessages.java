package net.v6mostly.linux;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Builds rtnetlink requests (rtnetlink(7)) into a {@link MemorySegment}: {@code nlmsghdr}, then
 * {@code struct ifinfomsg}, {@code struct ifaddrmsg} or {@code struct rtmsg}, then {@code rtattr}s.
 * Pure code with the structs' offsets as named constants ({@code <linux/rtnetlink.h>},
 * {@code <linux/if_addr.h>}, {@code <linux/if_link.h>}), so every request is testable byte for byte
 * without a socket. Each builder returns the message length; struct fields are host order,
 * addresses in attributes network order.
 */
final class RtnetlinkMessages {
    static final int AF_UNSPEC = 0;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    static final int RTM_NEWLINK = 16;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int RTM_GETADDR = 22;
    static final int RTM_NEWROUTE = 24;
    static final int RTM_DELROUTE = 25;
    static final int RTM_GETROUTE = 26;
    static final int RTM_NEWNEIGH = 28;
    static final int RTM_DELNEIGH = 29;

    // struct ndmsg (rtnetlink(7) RTM_NEWNEIGH)
    static final int NDM_FAMILY = 0;
    static final int NDM_IFINDEX = 4;
    static final int NDM_STATE = 8;
    static final int NDM_FLAGS = 10;
    static final int NDMSG_LENGTH = 12;
    static final int NDA_DST = 1;
    /** {@code NTF_PROXY}: a proxy entry, answered by the kernel's proxy ND (proxy_ndp). */
    static final int NTF_PROXY = 0x08;
    static final int NUD_PERMANENT = 0x80;

    // struct ifinfomsg (rtnetlink(7) RTM_NEWLINK)
    static final int IFI_FAMILY = 0;
    static final int IFI_TYPE = 2;
    static final int IFI_INDEX = 4;
    static final int IFI_FLAGS = 8;
    static final int IFI_CHANGE = 12;
    static final int IFINFOMSG_LENGTH = 16;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_MTU = 4;
    /** netdevice(7) {@code IFF_UP}. */
    static final int IFF_UP = 0x1;

    // struct ifaddrmsg (rtnetlink(7) RTM_NEWADDR)
    static final int IFA_FAMILY = 0;
    static final int IFA_PREFIXLEN = 1;
    static final int IFA_FLAGS_FIELD = 2;
    static final int IFA_SCOPE = 3;
    static final int IFA_INDEX = 4;
    static final int IFADDRMSG_LENGTH = 8;
    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    static final int IFA_LABEL = 3;
    /** {@code __u32} flags attribute, superseding the 8-bit {@code ifa_flags} field. */
    static final int IFA_FLAGS = 8;
    /** Skip duplicate address detection (RFC 4862 §5.4): the address is usable at once. */
    static final int IFA_F_NODAD = 0x02;

    // struct rtmsg (rtnetlink(7) RTM_NEWROUTE)
    static final int RTM_FAMILY = 0;
    static final int RTM_DST_LEN = 1;
    static final int RTM_SRC_LEN = 2;
    static final int RTM_TOS = 3;
    static final int RTM_TABLE = 4;
    static final int RTM_PROTOCOL = 5;
    static final int RTM_SCOPE = 6;
    static final int RTM_TYPE = 7;
    static final int RTM_FLAGS = 8;
    static final int RTMSG_LENGTH = 12;
    static final int RTA_DST = 1;
    static final int RTA_OIF = 4;
    static final int RTA_GATEWAY = 5;
    static final int RTA_PRIORITY = 6;
    static final int RTA_TABLE = 15;
    static final int RT_TABLE_MAIN = 254;
    static final int RTPROT_UNSPEC = 0;
    static final int RTPROT_STATIC = 4;
    static final int RT_SCOPE_UNIVERSE = 0;
    static final int RT_SCOPE_LINK = 253;
    /** In a delete: match any scope. */
    static final int RT_SCOPE_NOWHERE = 255;
    static final int RTN_UNSPEC = 0;
    static final int RTN_UNICAST = 1;

    /** Flags of a request that wants its NLMSG_ERROR acknowledgement (netlink(7)). */
    static final int ACKED = NetlinkHeader.NLM_F_REQUEST | NetlinkHeader.NLM_F_ACK;

    private RtnetlinkMessages() {
    }

    /**
     * A route request's contents: destination prefix, optional gateway, output interface.
     *
     * @param family      AF_INET or AF_INET6
     * @param destination network-order destination, 4 or 16 bytes
     * @param dstLength   destination prefix length
     * @param gateway     network-order gateway of the same size, or null for an on-link route
     * @param ifindex     output interface index
     */
    record RouteSpec(int family, byte[] destination, int dstLength, byte[] gateway, int ifindex, int metric) {
        /** A route without a metric (the kernel's default, 0 for IPv4, 1024 for IPv6). */
        RouteSpec(int family, byte[] destination, int dstLength, byte[] gateway, int ifindex) {
            this(family, destination, dstLength, gateway, ifindex, 0);
        }
    }

    /** RTM_NEWLINK changing only the {@code change} bits of the interface flags to {@code flags}. */
    static int setLinkFlags(MemorySegment s, int seq, int ifindex, int flags, int change) {
        int end = ifinfomsg(s, seq, RTM_NEWLINK, ACKED, ifindex, flags, change);
        NetlinkHeader.setLength(s, 0, end);
        return end;
    }

    /** RTM_NEWLINK with IFLA_MTU. */
    static int setMtu(MemorySegment s, int seq, int ifindex, int mtu) {
        int end = ifinfomsg(s, seq, RTM_NEWLINK, ACKED, ifindex, 0, 0);
        end = NetlinkAttributes.putInt(s, end, IFLA_MTU, mtu);
        NetlinkHeader.setLength(s, 0, end);
        return end;
    }

    /** RTM_GETLINK for one interface; the kernel answers with one RTM_NEWLINK, then the ack. */
    static int getLink(MemorySegment s, int seq, int ifindex) {
        int end = ifinfomsg(s, seq, RTM_GETLINK, ACKED, ifindex, 0, 0);
        NetlinkHeader.setLength(s, 0, end);
        return end;
    }

    private static int ifinfomsg(MemorySegment s, int seq, int type, int nlFlags, int ifindex, int flags, int change) {
        NetlinkHeader.write(s, 0, 0, type, nlFlags, seq);
        long at = NetlinkHeader.LENGTH;
        s.asSlice(at, IFINFOMSG_LENGTH).fill((byte) 0);
        s.set(ValueLayout.JAVA_BYTE, at + IFI_FAMILY, (byte) AF_UNSPEC);
        s.set(NetlinkHeader.INT, at + IFI_INDEX, ifindex);
        s.set(NetlinkHeader.INT, at + IFI_FLAGS, flags);
        s.set(NetlinkHeader.INT, at + IFI_CHANGE, change);
        return NetlinkHeader.LENGTH + IFINFOMSG_LENGTH;
    }

    /**
     * RTM_NEWADDR or RTM_DELADDR: {@code ifaddrmsg} with the prefix length and interface, then
     * IFA_LOCAL and IFA_ADDRESS both set to the address (a non point-to-point address, as
     * {@code ip address add} sends it). IPv6 adds carry IFA_F_NODAD in {@code ifa_flags} and
     * IFA_FLAGS so the address is usable without waiting for DAD.
     */
    static int address(MemorySegment s, int seq, int type, int nlFlags, int ifindex, InterfaceAddress address) {
        return address(s, seq, type, nlFlags, ifindex, address, false);
    }

    /** As {@link #address(MemorySegment, int, int, int, int, InterfaceAddress)}, with {@code dad}: an IPv6 add without IFA_F_NODAD, so the kernel runs DAD (RFC 4862 §5.4). */
    static int address(MemorySegment s, int seq, int type, int nlFlags, int ifindex, InterfaceAddress address,
            boolean dad) {
        boolean v6Add = address.family() == AF_INET6 && type == RTM_NEWADDR;
        int ifaFlags = v6Add && !dad ? IFA_F_NODAD : 0;
        NetlinkHeader.write(s, 0, 0, type, nlFlags, seq);
        long at = NetlinkHeader.LENGTH;
        s.set(ValueLayout.JAVA_BYTE, at + IFA_FAMILY, (byte) address.family());
        s.set(ValueLayout.JAVA_BYTE, at + IFA_PREFIXLEN, (byte) address.prefixLength());
        s.set(ValueLayout.JAVA_BYTE, at + IFA_FLAGS_FIELD, (byte) ifaFlags);
        s.set(ValueLayout.JAVA_BYTE, at + IFA_SCOPE, (byte) RT_SCOPE_UNIVERSE);
        s.set(NetlinkHeader.INT, at + IFA_INDEX, ifindex);
        int end = NetlinkHeader.LENGTH + IFADDRMSG_LENGTH;
        byte[] bytes = address.addressBytes();
        end = NetlinkAttributes.put(s, end, IFA_LOCAL, bytes);
        end = NetlinkAttributes.put(s, end, IFA_ADDRESS, bytes);
        if (v6Add && !dad) {
            end = NetlinkAttributes.putInt(s, end, IFA_FLAGS, ifaFlags);
        }
        NetlinkHeader.setLength(s, 0, end);
        return end;
    }

    /**
     * RTM_NEWROUTE in the main table, protocol static, unicast: scope link for an IPv4 route
     * without gateway, universe otherwise (IPv6 routes have no scope, as iproute2 sends them).
     * RTA_DST, RTA_GATEWAY when there is one, RTA_OIF.
     */
    static int newRoute(MemorySegment s, int seq, int nlFlags, RouteSpec route) {
        int scope = route.family() == AF_INET && route.gateway() == null ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE;
        return route(s, seq, RTM_NEWROUTE, nlFlags, route, RTPROT_STATIC, scope, RTN_UNICAST);
    }

    /**
     * RTM_DELROUTE in the main table matching destination, gateway and interface, whatever the
     * route's protocol, scope and type (RTPROT_UNSPEC, RT_SCOPE_NOWHERE, RTN_UNSPEC), as
     * {@code ip route del} does.
     */
    static int deleteRoute(MemorySegment s, int seq, RouteSpec route) {
        return route(s, seq, RTM_DELROUTE, ACKED, route, RTPROT_UNSPEC, RT_SCOPE_NOWHERE, RTN_UNSPEC);
    }

    private static int route(MemorySegment s, int seq, int type, int nlFlags, RouteSpec route, int protocol,
            int scope, int routeType) {
        NetlinkHeader.write(s, 0, 0, type, nlFlags, seq);
        long at = NetlinkHeader.LENGTH;
        s.asSlice(at, RTMSG_LENGTH).fill((byte) 0);
        s.set(ValueLayout.JAVA_BYTE, at + RTM_FAMILY, (byte) route.family());
        s.set(ValueLayout.JAVA_BYTE, at + RTM_DST_LEN, (byte) route.dstLength());
        s.set(ValueLayout.JAVA_BYTE, at + RTM_TABLE, (byte) RT_TABLE_MAIN);
        s.set(ValueLayout.JAVA_BYTE, at + RTM_PROTOCOL, (byte) protocol);
        s.set(ValueLayout.JAVA_BYTE, at + RTM_SCOPE, (byte) scope);
        s.set(ValueLayout.JAVA_BYTE, at + RTM_TYPE, (byte) routeType);
        int end = NetlinkHeader.LENGTH + RTMSG_LENGTH;
        end = NetlinkAttributes.put(s, end, RTA_DST, route.destination());
        if (route.gateway() != null) {
            end = NetlinkAttributes.put(s, end, RTA_GATEWAY, route.gateway());
        }
        end = NetlinkAttributes.putInt(s, end, RTA_OIF, route.ifindex());
        if (route.metric() != 0) {
            end = NetlinkAttributes.putInt(s, end, RTA_PRIORITY, route.metric());
        }
        NetlinkHeader.setLength(s, 0, end);
        return end;
    }

    /**
     * RTM_NEWNEIGH or RTM_DELNEIGH of an IPv6 proxy entry ({@code ip -6 neigh add proxy ADDR dev
     * NAME}): {@code ndmsg} with NTF_PROXY and NUD_PERMANENT, then NDA_DST.
     */
    static int proxyNeighbour(MemorySegment s, int seq, int type, int nlFlags, int ifindex, byte[] address) {
        NetlinkHeader.write(s, 0, 0, type, nlFlags, seq);
        long at = NetlinkHeader.LENGTH;
        s.asSlice(at, NDMSG_LENGTH).fill((byte) 0);
        s.set(ValueLayout.JAVA_BYTE, at + NDM_FAMILY, (byte) AF_INET6);
        s.set(NetlinkHeader.INT, at + NDM_IFINDEX, ifindex);
        s.set(ValueLayout.JAVA_SHORT_UNALIGNED, at + NDM_STATE, (short) NUD_PERMANENT);
        s.set(ValueLayout.JAVA_BYTE, at + NDM_FLAGS, (byte) NTF_PROXY);
        int end = NetlinkHeader.LENGTH + NDMSG_LENGTH;
        end = NetlinkAttributes.put(s, end, NDA_DST, address);
        NetlinkHeader.setLength(s, 0, end);
        return end;
    }

    /**
     * A dump request (NLM_F_REQUEST | NLM_F_DUMP) of {@code type} RTM_GETLINK, RTM_GETADDR or
     * RTM_GETROUTE for {@code family}: the header, then the zeroed family struct with only its
     * family byte set. A dump ends with NLMSG_DONE rather than an ack (netlink(7)).
     */
    static int dump(MemorySegment s, int seq, int type, int family) {
        int struct = switch (type) {
            case RTM_GETLINK -> IFINFOMSG_LENGTH;
            case RTM_GETADDR -> IFADDRMSG_LENGTH;
            case RTM_GETROUTE -> RTMSG_LENGTH;
            default -> throw new IllegalArgumentException("not a dump request type: " + type);
        };
        NetlinkHeader.write(s, 0, 0, type, NetlinkHeader.NLM_F_REQUEST | NetlinkHeader.NLM_F_DUMP, seq);
        s.asSlice(NetlinkHeader.LENGTH, struct).fill((byte) 0);
        s.set(ValueLayout.JAVA_BYTE, NetlinkHeader.LENGTH, (byte) family);
        int end = NetlinkHeader.LENGTH + struct;
        NetlinkHeader.setLength(s, 0, end);
        return end;
    }

    /** Sixteen network-order bytes of an IPv6 address held as two longs. */
    static byte[] bytes(long hi, long lo) {
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (hi >>> (56 - 8 * i));
            out[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return out;
    }

    /** Four network-order bytes of an IPv4 address. */
    static byte[] bytes(int address) {
        return new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    }

    /** The name of an rtnetlink message type, for error texts. */
    static String typeName(int type) {
        return switch (type) {
            case RTM_NEWLINK -> "RTM_NEWLINK";
            case RTM_GETLINK -> "RTM_GETLINK";
            case RTM_NEWADDR -> "RTM_NEWADDR";
            case RTM_DELADDR -> "RTM_DELADDR";
            case RTM_GETADDR -> "RTM_GETADDR";
            case RTM_NEWROUTE -> "RTM_NEWROUTE";
            case RTM_DELROUTE -> "RTM_DELROUTE";
            case RTM_GETROUTE -> "RTM_GETROUTE";
            case RTM_NEWNEIGH -> "RTM_NEWNEIGH";
            case RTM_DELNEIGH -> "RTM_DELNEIGH";
            default -> "message type " + type;
        };
    }
}
