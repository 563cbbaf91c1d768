package net.v6mostly.dhcp4;

/**
 * Builds the server's messages (RFC 2131 §4.3.1 Table 3) and chooses their destination (§4.1).
 * Option order: 53, 54, lease times, configuration, 108, then the echoed 61 (RFC 6842 §3) and
 * 82 last (RFC 3046 §2.2).
 */
final class Replies {
    private Replies() {
    }

    /**
     * A DHCPOFFER or DHCPACK. {@code lease} is the lease time, or 0 for none (DHCPINFORM, or an
     * Option 108 answer with yiaddr 0); {@code v6OnlyWait} below 0 leaves option 108 out.
     */
    static DhcpMessage answer(DhcpMessage m, MessageType type, Subnet s, int ciaddr, int yiaddr, long lease,
            long v6OnlyWait, boolean configuration) {
        DhcpOptions.Builder b = DhcpOptions.builder()
                .u8(DhcpOption.MESSAGE_TYPE, type.code())
                .u32(DhcpOption.SERVER_ID, Integer.toUnsignedLong(s.serverId()));
        if (lease > 0) {
            // RFC 2131 §4.4.5: T1 defaults to 0.5 * lease, T2 to 0.875 * lease
            b.u32(DhcpOption.LEASE_TIME, lease).u32(DhcpOption.RENEWAL_TIME, lease / 2)
                    .u32(DhcpOption.REBINDING_TIME, lease * 7 / 8);
        }
        if (configuration) {
            configuration(b, m, s);
        }
        if (v6OnlyWait >= 0) {
            b.u32(DhcpOption.IPV6_ONLY_PREFERRED, v6OnlyWait);   // RFC 8925 §3.1: length 4
        }
        echo(b, m);
        return reply(m, ciaddr, yiaddr, m.flags(), b.build());
    }

    /** A DHCPNAK (§4.3.2): no addresses; the broadcast bit set when it goes through a relay. */
    static DhcpMessage nak(DhcpMessage m, Subnet s) {
        DhcpOptions.Builder b = DhcpOptions.builder()
                .u8(DhcpOption.MESSAGE_TYPE, MessageType.NAK.code())
                .u32(DhcpOption.SERVER_ID, Integer.toUnsignedLong(s.serverId()));
        echo(b, m);
        int flags = m.giaddr() != 0 ? m.flags() | DhcpMessage.FLAG_BROADCAST : m.flags();
        return reply(m, 0, 0, flags, b.build());
    }

    private static void configuration(DhcpOptions.Builder b, DhcpMessage m, Subnet s) {
        b.u32(DhcpOption.SUBNET_MASK, Integer.toUnsignedLong(s.mask()))
                .addresses(DhcpOption.ROUTER, s.routers())
                .addresses(DhcpOption.DNS, s.dns());
        if (s.domain() != null && !s.domain().isEmpty()) {
            b.string(DhcpOption.DOMAIN_NAME, s.domain());
        }
        if (s.mtu() > 0) {
            b.u16(DhcpOption.INTERFACE_MTU, s.mtu());
        }
        if (!s.routes().isEmpty() && m.options().requests(DhcpOption.CLASSLESS_STATIC_ROUTE)) {
            b.put(DhcpOption.CLASSLESS_STATIC_ROUTE, ClasslessRoute.encode(s.routes()));
        }
    }

    private static void echo(DhcpOptions.Builder b, DhcpMessage m) {
        for (int code : new int[] {DhcpOption.CLIENT_ID, DhcpOption.RELAY_AGENT_INFO}) {
            byte[] v = m.options().get(code);
            if (v != null) {
                b.put(code, v);
            }
        }
    }

    private static DhcpMessage reply(DhcpMessage m, int ciaddr, int yiaddr, int flags, DhcpOptions options) {
        return new DhcpMessage(DhcpMessage.BOOTREPLY, m.htype(), m.hlen(), 0, m.xid(), 0, flags, ciaddr, yiaddr, 0,
                m.giaddr(), m.chaddr(), new byte[64], new byte[128], options);
    }

    /**
     * RFC 2131 §4.1: giaddr set, to the relay's port 67; else ciaddr set, unicast to it; else the
     * broadcast bit set (or no address to unicast to, as in an Option 108 answer), broadcast; else
     * unicast to yiaddr at chaddr. A DHCPNAK without relay is always broadcast.
     */
    static Destination destination(DhcpMessage request, DhcpMessage reply, boolean nak) {
        if (request.giaddr() != 0) {
            return Destination.relay(request.giaddr());
        }
        if (nak) {
            return Destination.broadcast();
        }
        if (request.ciaddr() != 0) {
            return Destination.unicast(request.ciaddr());
        }
        if (request.broadcast() || reply.yiaddr() == 0) {
            return Destination.broadcast();
        }
        return Destination.hardware(reply.yiaddr());
    }
}
