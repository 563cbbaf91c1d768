package net.v6mostly.linux;

import static net.v6mostly.linux.NetlinkBytes.segment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.OptionalInt;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dump replies as the kernel writes them (rtnetlink(7); {@code ifaddrmsg} with IFA_* from
 * {@code linux/if_addr.h}, {@code rtmsg} with RTA_*, {@code ifinfomsg} with IFLA_* from
 * {@code linux/if_link.h}), and attributes whose lengths do not fit.
 */
class RtnetlinkParsersTest {

    @BeforeEach
    void littleEndian() {
        NetlinkBytes.assumeLittleEndian();
    }

    @Test
    void ipv4AddressPrefersIfaLocalAndTakesIfaFlags() throws Exception {
        RtnetlinkAddress a = RtnetlinkParsers.address(segment("""
                40000000 1400 0200 09000000 2a000000
                02 18 80 00 03000000
                0800 0100 c6336401
                0800 0200 c6336401
                0900 0300 76366d3000000000
                0800 0800 80000000
                0800 0400 c63364ff"""));
        assertThat(a).isEqualTo(new RtnetlinkAddress(3, InterfaceAddress4.parse("198.51.100.1/24"), 0x80, 0));
    }

    @Test
    void ipv6AddressFromIfaAddressSkipsUnknownAttributes() throws Exception {
        RtnetlinkAddress a = RtnetlinkParsers.address(segment("""
                48000000 1400 0200 09000000 2a000000
                0a 40 82 00 03000000
                1400 0100 20010db8000100000000000000000001
                1400 0600 ffffffff ffffffff 00000000 00000000
                0800 0800 82000000"""));
        assertThat(a).isEqualTo(new RtnetlinkAddress(3, InterfaceAddress6.parse("2001:db8:1::1/64"), 0x82, 0));
    }

    @Test
    void ipv4RouteWithTableAttribute() throws Exception {
        RtnetlinkRoute r = RtnetlinkParsers.route(segment("""
                34000000 1800 0200 09000000 2a000000
                02 18 00 00 fe 04 fd 01 00000000
                0800 0f00 fe000000
                0800 0100 cb007100
                0800 0400 03000000"""));
        assertThat(r).isEqualTo(new RtnetlinkRoute.V4(Ipv4Prefix.parse("203.0.113.0/24"), OptionalInt.empty(), 3, 254, 4,
                253, 1));
    }

    @Test
    void ipv6RouteWithGateway() throws Exception {
        RtnetlinkRoute r = RtnetlinkParsers.route(segment("""
                4c000000 1800 0200 09000000 2a000000
                0a 40 00 00 fe 04 00 01 00000000
                1400 0100 20010db8009900000000000000000000
                1400 0500 20010db8000100000000000000000002
                0800 0400 03000000"""));
        assertThat(r).isEqualTo(new RtnetlinkRoute.V6(Ipv6Prefix.parse("2001:db8:99::/64"),
                Optional.of(Ipv6Address.parse("2001:db8:1::2")), 3, 254, 4, 0, 1));
    }

    @Test
    void routeWithoutRtaDstIsTheDefaultRoute() throws Exception {
        RtnetlinkRoute r = RtnetlinkParsers.route(segment("""
                2c000000 1800 0200 09000000 2a000000
                02 00 00 00 fe 04 00 01 00000000
                0800 0500 c0000201
                0800 0400 03000000"""));
        assertThat(r).isEqualTo(new RtnetlinkRoute.V4(new Ipv4Prefix(0, 0), OptionalInt.of(Ipv4.parse("192.0.2.1")), 3,
                254, 4, 0, 1));
    }

    @Test
    void otherFamiliesAreSkipped() throws Exception {
        assertThat(RtnetlinkParsers.route(segment("1c000000 1800 0200 09000000 2a000000 80 00 00 00 fe 04 00 01 00000000")))
                .isNull();
        assertThat(RtnetlinkParsers.address(segment("18000000 1400 0200 09000000 2a000000 00 00 00 00 01000000")))
                .isNull();
    }

    @Test
    void linkNameAndMtu() throws Exception {
        RtnetlinkLink l = RtnetlinkParsers.link(segment("""
                34000000 1000 0000 09000000 2a000000
                00 00 0100 03000000 43100100 00000000
                0a00 0300 6e617436340000 00
                0800 0400 78050000"""));
        assertThat(l).isEqualTo(new RtnetlinkLink(3, "nat64", 0x11043, 1400));
        assertThat(l.up()).isTrue();
    }

    @Test
    void attributeShorterThanItsHeaderIsRefused() {
        assertThatThrownBy(() -> RtnetlinkParsers.route(segment("""
                20000000 1800 0200 09000000 2a000000
                02 18 00 00 fe 04 fd 01 00000000
                0200 0100""")))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessage("RTM_NEWROUTE: attribute type 1 at offset 28 has rta_len 2, less than its 4-byte header");
    }

    @Test
    void attributePastTheMessageIsRefused() {
        assertThatThrownBy(() -> RtnetlinkParsers.address(segment("""
                20000000 1400 0200 09000000 2a000000
                02 18 00 00 03000000
                c800 0200 c6336401""")))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("rta_len 200 but only 8 bytes remain");
    }

    @Test
    void addressOfTheWrongSizeIsRefused() {
        assertThatThrownBy(() -> RtnetlinkParsers.route(segment("""
                24000000 1800 0200 09000000 2a000000
                02 18 00 00 fe 04 fd 01 00000000
                0700 0100 cb007100""")))
                .isInstanceOf(NetlinkFormatException.class).hasMessage("RTM_NEWROUTE RTA_DST holds 3 bytes, not 4");
    }

    @Test
    void messageTooShortForItsStructIsRefused() {
        assertThatThrownBy(() -> RtnetlinkParsers.route(segment("14000000 1800 0200 09000000 2a000000 02180000")))
                .isInstanceOf(NetlinkFormatException.class)
                .hasMessage("RTM_NEWROUTE of 20 bytes is too short for its 12-byte rtmsg");
    }

    @Test
    void trailingBytesShorterThanAnAttributeAreRefused() {
        assertThatThrownBy(() -> RtnetlinkParsers.address(segment("""
                1a000000 1400 0200 09000000 2a000000
                02 18 00 00 03000000 0000""")))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("2 trailing bytes");
    }

    @Test
    void addressWithoutAnyAddressAttributeIsRefused() {
        assertThatThrownBy(() -> RtnetlinkParsers.address(segment("18000000 1400 0200 09000000 2a000000 02 18 00 00 03000000")))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("neither IFA_LOCAL nor IFA_ADDRESS");
    }

    @Test
    void impossiblePrefixLengthIsRefused() {
        assertThatThrownBy(() -> RtnetlinkParsers.route(segment("1c000000 1800 0200 09000000 2a000000 02 21 00 00 fe 04 fd 01 00000000")))
                .isInstanceOf(NetlinkFormatException.class).hasMessageContaining("destination length 33");
    }
}
