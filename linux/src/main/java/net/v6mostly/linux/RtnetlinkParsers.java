package net.v6mostly.linux;

import static net.v6mostly.linux.RtnetlinkMessages.AF_INET;
import static net.v6mostly.linux.RtnetlinkMessages.AF_INET6;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;
import java.util.OptionalInt;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;

/**
 * Parses the data messages of rtnetlink replies (rtnetlink(7)) into records: RTM_NEWLINK into
 * {@link RtnetlinkLink}, RTM_NEWADDR into {@link RtnetlinkAddress}, RTM_NEWROUTE into
 * {@link RtnetlinkRoute}. Each takes one message as {@link NetlinkReplies} delimits it, checks that
 * the family struct fits and every attribute has the size its family demands, and returns null for
 * families other than IPv4 and IPv6 (multicast routing tables, MPLS, ...).
 */
final class RtnetlinkParsers {
    private static final int BODY = NetlinkHeader.LENGTH;

    private RtnetlinkParsers() {
    }

    /** RTM_NEWLINK: {@code ifinfomsg}, IFLA_IFNAME, IFLA_MTU. */
    static RtnetlinkLink link(MemorySegment m) throws NetlinkFormatException {
        require(m, RtnetlinkMessages.IFINFOMSG_LENGTH, "RTM_NEWLINK", "ifinfomsg");
        int index = m.get(NetlinkHeader.INT, BODY + RtnetlinkMessages.IFI_INDEX);
        int flags = m.get(NetlinkHeader.INT, BODY + RtnetlinkMessages.IFI_FLAGS);
        String[] name = {""};
        int[] mtu = {0};
        NetlinkAttributes.walk(m, BODY + RtnetlinkMessages.IFINFOMSG_LENGTH, m.byteSize(), "RTM_NEWLINK", (type, v) -> {
            if (type == RtnetlinkMessages.IFLA_IFNAME) {
                name[0] = NetlinkAttributes.string(v);
            } else if (type == RtnetlinkMessages.IFLA_MTU) {
                mtu[0] = NetlinkAttributes.u32(v, "RTM_NEWLINK", type);
            }
        });
        return new RtnetlinkLink(index, name[0], flags, mtu[0]);
    }

    /** RTM_NEWADDR: {@code ifaddrmsg}, IFA_LOCAL (else IFA_ADDRESS), IFA_FLAGS; null for other families. */
    static RtnetlinkAddress address(MemorySegment m) throws NetlinkFormatException {
        require(m, RtnetlinkMessages.IFADDRMSG_LENGTH, "RTM_NEWADDR", "ifaddrmsg");
        int family = u8(m, BODY + RtnetlinkMessages.IFA_FAMILY);
        int size = addressSize(family);
        if (size == 0) {
            return null;
        }
        int prefixLength = u8(m, BODY + RtnetlinkMessages.IFA_PREFIXLEN);
        if (prefixLength > size * 8) {
            throw new NetlinkFormatException("RTM_NEWADDR: prefix length " + prefixLength + " for family " + family);
        }
        int[] flags = {u8(m, BODY + RtnetlinkMessages.IFA_FLAGS_FIELD)};
        int scope = u8(m, BODY + RtnetlinkMessages.IFA_SCOPE);
        int ifindex = m.get(NetlinkHeader.INT, BODY + RtnetlinkMessages.IFA_INDEX);
        byte[][] found = new byte[2][]; // [0] IFA_LOCAL, [1] IFA_ADDRESS
        NetlinkAttributes.walk(m, BODY + RtnetlinkMessages.IFADDRMSG_LENGTH, m.byteSize(), "RTM_NEWADDR", (type, v) -> {
            switch (type) {
                case RtnetlinkMessages.IFA_LOCAL -> found[0] = sized(v, size, "RTM_NEWADDR IFA_LOCAL");
                case RtnetlinkMessages.IFA_ADDRESS -> found[1] = sized(v, size, "RTM_NEWADDR IFA_ADDRESS");
                case RtnetlinkMessages.IFA_FLAGS -> flags[0] = NetlinkAttributes.u32(v, "RTM_NEWADDR", type);
                default -> { }
            }
        });
        byte[] bytes = found[0] != null ? found[0] : found[1];
        if (bytes == null) {
            throw new NetlinkFormatException("RTM_NEWADDR for interface " + ifindex + " has neither IFA_LOCAL nor IFA_ADDRESS");
        }
        InterfaceAddress address = family == AF_INET
                ? new InterfaceAddress4(int32(bytes, 0), prefixLength)
                : new InterfaceAddress6(new Ipv6Address(int64(bytes, 0), int64(bytes, 8)), prefixLength);
        return new RtnetlinkAddress(ifindex, address, flags[0], scope);
    }

    /** RTM_NEWROUTE: {@code rtmsg}, RTA_DST, RTA_GATEWAY, RTA_OIF, RTA_TABLE; null for other families. */
    static RtnetlinkRoute route(MemorySegment m) throws NetlinkFormatException {
        require(m, RtnetlinkMessages.RTMSG_LENGTH, "RTM_NEWROUTE", "rtmsg");
        int family = u8(m, BODY + RtnetlinkMessages.RTM_FAMILY);
        int size = addressSize(family);
        if (size == 0) {
            return null;
        }
        int dstLength = u8(m, BODY + RtnetlinkMessages.RTM_DST_LEN);
        if (dstLength > size * 8) {
            throw new NetlinkFormatException("RTM_NEWROUTE: destination length " + dstLength + " for family " + family);
        }
        int[] table = {u8(m, BODY + RtnetlinkMessages.RTM_TABLE)};
        int[] oif = {0};
        byte[][] found = new byte[2][]; // [0] RTA_DST, [1] RTA_GATEWAY
        NetlinkAttributes.walk(m, BODY + RtnetlinkMessages.RTMSG_LENGTH, m.byteSize(), "RTM_NEWROUTE", (type, v) -> {
            switch (type) {
                case RtnetlinkMessages.RTA_DST -> found[0] = sized(v, size, "RTM_NEWROUTE RTA_DST");
                case RtnetlinkMessages.RTA_GATEWAY -> found[1] = sized(v, size, "RTM_NEWROUTE RTA_GATEWAY");
                case RtnetlinkMessages.RTA_OIF -> oif[0] = NetlinkAttributes.u32(v, "RTM_NEWROUTE", type);
                case RtnetlinkMessages.RTA_TABLE -> table[0] = NetlinkAttributes.u32(v, "RTM_NEWROUTE", type);
                default -> { }
            }
        });
        byte[] dst = found[0] != null ? found[0] : new byte[size]; // no RTA_DST: the default route
        int protocol = u8(m, BODY + RtnetlinkMessages.RTM_PROTOCOL);
        int scope = u8(m, BODY + RtnetlinkMessages.RTM_SCOPE);
        int type = u8(m, BODY + RtnetlinkMessages.RTM_TYPE);
        if (family == AF_INET) {
            int d = int32(dst, 0) & Ipv4.mask(dstLength);
            OptionalInt gw = found[1] == null ? OptionalInt.empty() : OptionalInt.of(int32(found[1], 0));
            return new RtnetlinkRoute.V4(new Ipv4Prefix(d, dstLength), gw, oif[0], table[0], protocol, scope, type);
        }
        long hi = int64(dst, 0) & Ipv6Prefix.maskHi(dstLength);
        long lo = int64(dst, 8) & Ipv6Prefix.maskLo(dstLength);
        Optional<Ipv6Address> gw = found[1] == null ? Optional.empty()
                : Optional.of(new Ipv6Address(int64(found[1], 0), int64(found[1], 8)));
        return new RtnetlinkRoute.V6(new Ipv6Prefix(hi, lo, dstLength), gw, oif[0], table[0], protocol, scope, type);
    }

    private static void require(MemorySegment m, int structLength, String where, String struct)
            throws NetlinkFormatException {
        if (m.byteSize() < BODY + structLength) {
            throw new NetlinkFormatException(where + " of " + m.byteSize() + " bytes is too short for its "
                    + structLength + "-byte " + struct);
        }
    }

    private static int addressSize(int family) {
        return family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0;
    }

    private static byte[] sized(MemorySegment value, int size, String where) throws NetlinkFormatException {
        if (value.byteSize() != size) {
            throw new NetlinkFormatException(where + " holds " + value.byteSize() + " bytes, not " + size);
        }
        return value.toArray(ValueLayout.JAVA_BYTE);
    }

    private static int u8(MemorySegment m, long offset) {
        return Byte.toUnsignedInt(m.get(ValueLayout.JAVA_BYTE, offset));
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
    }

    private static long int64(byte[] b, int at) {
        return (long) int32(b, at) << 32 | Integer.toUnsignedLong(int32(b, at + 4));
    }
}
