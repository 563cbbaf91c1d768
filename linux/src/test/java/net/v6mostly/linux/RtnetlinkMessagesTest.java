package net.v6mostly.linux;

import static net.v6mostly.linux.NetlinkBytes.hex;
import static net.v6mostly.linux.NetlinkBytes.hexOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;

import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.linux.RtnetlinkMessages.RouteSpec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests byte for byte against hand-written vectors following {@code struct nlmsghdr}
 * ({@code linux/netlink.h}), {@code ifinfomsg} ({@code linux/rtnetlink.h}), {@code ifaddrmsg}
 * ({@code linux/if_addr.h}), {@code rtmsg} and {@code rtattr} (rtnetlink(7)). Sequence number
 * 0x01020304 throughout; struct fields little-endian, addresses network order.
 */
class RtnetlinkMessagesTest {
    private static final int SEQ = 0x01020304;
    private final MemorySegment buffer = MemorySegment.ofArray(new byte[512]);

    @BeforeEach
    void littleEndian() {
        NetlinkBytes.assumeLittleEndian();
        buffer.fill((byte) 0x5A); // stale bytes must never leak into a request
    }

    private void assertBytes(int length, String expected) {
        assertThat(length).as("message length").isEqualTo(hex(expected).length);
        assertThat(hexOf(buffer, length)).isEqualTo(hexOf(MemorySegment.ofArray(hex(expected)), length));
    }

    @Test
    void setMtuIsNewlinkWithIflaMtu() {
        int n = RtnetlinkMessages.setMtu(buffer, SEQ, 7, 1400);
        assertBytes(n, """
                28000000 1000 0500 04030201 00000000
                00 00 0000 07000000 00000000 00000000
                0800 0400 78050000""");
    }

    @Test
    void linkUpChangesOnlyIffUp() {
        int n = RtnetlinkMessages.setLinkFlags(buffer, SEQ, 7, RtnetlinkMessages.IFF_UP, RtnetlinkMessages.IFF_UP);
        assertBytes(n, """
                20000000 1000 0500 04030201 00000000
                00 00 0000 07000000 01000000 01000000""");
    }

    @Test
    void linkDownClearsIffUp() {
        int n = RtnetlinkMessages.setLinkFlags(buffer, SEQ, 7, 0, RtnetlinkMessages.IFF_UP);
        assertBytes(n, """
                20000000 1000 0500 04030201 00000000
                00 00 0000 07000000 00000000 01000000""");
    }

    @Test
    void getLinkAsksForOneInterface() {
        int n = RtnetlinkMessages.getLink(buffer, SEQ, 3);
        assertBytes(n, """
                20000000 1200 0500 04030201 00000000
                00 00 0000 03000000 00000000 00000000""");
    }

    @Test
    void addIpv4AddressSetsLocalAndAddress() {
        int flags = RtnetlinkMessages.ACKED | NetlinkHeader.NLM_F_CREATE | NetlinkHeader.NLM_F_EXCL;
        int n = RtnetlinkMessages.address(buffer, SEQ, RtnetlinkMessages.RTM_NEWADDR, flags, 3,
                InterfaceAddress4.parse("198.51.100.1/24"));
        assertBytes(n, """
                28000000 1400 0506 04030201 00000000
                02 18 00 00 03000000
                0800 0200 c6336401
                0800 0100 c6336401""");
    }

    @Test
    void addIpv6AddressSkipsDad() {
        int flags = RtnetlinkMessages.ACKED | NetlinkHeader.NLM_F_CREATE | NetlinkHeader.NLM_F_REPLACE;
        int n = RtnetlinkMessages.address(buffer, SEQ, RtnetlinkMessages.RTM_NEWADDR, flags, 3,
                InterfaceAddress6.parse("2001:db8:1::1/64"));
        assertBytes(n, """
                48000000 1400 0505 04030201 00000000
                0a 40 02 00 03000000
                1400 0200 20010db8000100000000000000000001
                1400 0100 20010db8000100000000000000000001
                0800 0800 02000000""");
    }

    @Test
    void deleteIpv6AddressHasNoFlags() {
        int n = RtnetlinkMessages.address(buffer, SEQ, RtnetlinkMessages.RTM_DELADDR, RtnetlinkMessages.ACKED, 3,
                InterfaceAddress6.parse("2001:db8:1::1/64"));
        assertBytes(n, """
                40000000 1500 0500 04030201 00000000
                0a 40 00 00 03000000
                1400 0200 20010db8000100000000000000000001
                1400 0100 20010db8000100000000000000000001""");
    }

    @Test
    void addIpv6AddressWithDadLeavesNodadOut() {
        int flags = RtnetlinkMessages.ACKED | NetlinkHeader.NLM_F_CREATE | NetlinkHeader.NLM_F_REPLACE;
        int n = RtnetlinkMessages.address(buffer, SEQ, RtnetlinkMessages.RTM_NEWADDR, flags, 3,
                InterfaceAddress6.parse("2001:db8:1::464/128"), true);
        assertBytes(n, """
                40000000 1400 0505 04030201 00000000
                0a 80 00 00 03000000
                1400 0200 20010db8000100000000000000000464
                1400 0100 20010db8000100000000000000000464""");
    }

    @Test
    void ipv4DefaultRouteWithMetricCarriesRtaPriority() {
        RouteSpec r = new RouteSpec(RtnetlinkMessages.AF_INET, RtnetlinkMessages.bytes(0), 0, null, 3, 2048);
        int n = RtnetlinkMessages.newRoute(buffer, SEQ,
                RtnetlinkMessages.ACKED | NetlinkHeader.NLM_F_CREATE | NetlinkHeader.NLM_F_REPLACE, r);
        assertBytes(n, """
                34000000 1800 0505 04030201 00000000
                02 00 00 00 fe 04 fd 01 00000000
                0800 0100 00000000
                0800 0400 03000000
                0800 0600 00080000""");
    }

    @Test
    void proxyNeighbourIsNtfProxyPermanent() {
        Ipv6Address a = Ipv6Address.parse("2001:db8:1::464");
        int n = RtnetlinkMessages.proxyNeighbour(buffer, SEQ, RtnetlinkMessages.RTM_NEWNEIGH,
                RtnetlinkMessages.ACKED | NetlinkHeader.NLM_F_CREATE | NetlinkHeader.NLM_F_REPLACE, 3,
                RtnetlinkMessages.bytes(a.hi(), a.lo()));
        assertBytes(n, """
                30000000 1c00 0505 04030201 00000000
                0a 00 0000 03000000 8000 08 00
                1400 0100 20010db8000100000000000000000464""");
        int d = RtnetlinkMessages.proxyNeighbour(buffer, SEQ, RtnetlinkMessages.RTM_DELNEIGH, RtnetlinkMessages.ACKED, 3,
                RtnetlinkMessages.bytes(a.hi(), a.lo()));
        assertThat(d).isEqualTo(0x30);
        assertThat(RtnetlinkMessages.typeName(RtnetlinkMessages.RTM_DELNEIGH)).isEqualTo("RTM_DELNEIGH");
    }

    @Test
    void ipv4DeviceRouteIsStaticScopeLinkInMain() {
        RouteSpec r = new RouteSpec(RtnetlinkMessages.AF_INET, RtnetlinkMessages.bytes(Ipv4Prefix.parse("203.0.113.0/24").address()),
                24, null, 3);
        int n = RtnetlinkMessages.newRoute(buffer, SEQ,
                RtnetlinkMessages.ACKED | NetlinkHeader.NLM_F_CREATE | NetlinkHeader.NLM_F_EXCL, r);
        assertBytes(n, """
                2c000000 1800 0506 04030201 00000000
                02 18 00 00 fe 04 fd 01 00000000
                0800 0100 cb007100
                0800 0400 03000000""");
    }

    @Test
    void ipv6GatewayRouteIsScopeUniverse() {
        Ipv6Prefix p = Ipv6Prefix.parse("2001:db8:99::/64");
        Ipv6Address gw = Ipv6Address.parse("2001:db8:1::2");
        RouteSpec r = new RouteSpec(RtnetlinkMessages.AF_INET6, RtnetlinkMessages.bytes(p.hi(), p.lo()), 64,
                RtnetlinkMessages.bytes(gw.hi(), gw.lo()), 3);
        int n = RtnetlinkMessages.newRoute(buffer, SEQ,
                RtnetlinkMessages.ACKED | NetlinkHeader.NLM_F_CREATE | NetlinkHeader.NLM_F_REPLACE, r);
        assertBytes(n, """
                4c000000 1800 0505 04030201 00000000
                0a 40 00 00 fe 04 00 01 00000000
                1400 0100 20010db8009900000000000000000000
                1400 0500 20010db8000100000000000000000002
                0800 0400 03000000""");
    }

    @Test
    void deleteRouteMatchesAnyProtocolScopeAndType() {
        RouteSpec r = new RouteSpec(RtnetlinkMessages.AF_INET, hex("cb007100"), 24, null, 3);
        int n = RtnetlinkMessages.deleteRoute(buffer, SEQ, r);
        assertBytes(n, """
                2c000000 1900 0500 04030201 00000000
                02 18 00 00 fe 00 ff 00 00000000
                0800 0100 cb007100
                0800 0400 03000000""");
    }

    @Test
    void addressDumpIsRequestPlusDumpWithZeroedIfaddrmsg() {
        int n = RtnetlinkMessages.dump(buffer, SEQ, RtnetlinkMessages.RTM_GETADDR, RtnetlinkMessages.AF_UNSPEC);
        assertBytes(n, "18000000 1600 0103 04030201 00000000 00000000 00000000");
    }

    @Test
    void routeDumpCarriesFamilyInRtmsg() {
        int n = RtnetlinkMessages.dump(buffer, SEQ, RtnetlinkMessages.RTM_GETROUTE, RtnetlinkMessages.AF_INET6);
        assertBytes(n, "1c000000 1a00 0103 04030201 00000000 0a000000 00000000 00000000");
    }

    @Test
    void attributePaddingIsZeroAndRtaLenExcludesIt() {
        int end = NetlinkAttributes.put(buffer, 0, RtnetlinkMessages.IFLA_IFNAME, hex("6e61743634")); // "nat64"
        assertThat(end).isEqualTo(12);
        assertThat(hexOf(buffer, 12)).isEqualTo("09000300" + "6e61743634" + "000000");
    }

    @Test
    void alignRoundsUpToFour() {
        assertThat(NetlinkHeader.align(0)).isZero();
        assertThat(NetlinkHeader.align(1)).isEqualTo(4);
        assertThat(NetlinkHeader.align(4)).isEqualTo(4);
        assertThat(NetlinkHeader.align(9)).isEqualTo(12);
    }
}
