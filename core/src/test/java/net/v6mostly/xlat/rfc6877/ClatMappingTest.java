package net.v6mostly.xlat.rfc6877;

import static net.v6mostly.xlat.TestPackets.icmp6Error;
import static net.v6mostly.xlat.TestPackets.udp4;
import static net.v6mostly.xlat.TestPackets.udp6;
import static net.v6mostly.xlat.TestPackets.v4;
import static net.v6mostly.xlat.TestPackets.v6;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.xlat.Siit;
import net.v6mostly.xlat.SiitSettings;
import net.v6mostly.xlat.TestPackets;
import net.v6mostly.xlat.XlatStat;

/** RFC 6877 §6.1 on the stateless core: 192.0.0.1 ↔ the CLAT address, everything else ↔ PREF64 + IPv4. */
class ClatMappingTest {
    static final Rfc6052Prefix PREF64 = Rfc6052Prefix.parse("2001:db8:64::/96");
    static final Ipv6Address CLAT6 = Ipv6Address.parse("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
    static final SiitSettings S = ClatMapping.settings(PREF64, CLAT6, ClatAddresses.DEFAULT_IPV4, 1500);

    @Test
    void outboundUdpTakesTheClatAddressAndThePlatPrefix() {
        byte[] in = udp4(v4("192.0.0.1"), v4("198.51.100.7"), 40000, 53, "hello".getBytes());
        byte[] out = TestPackets.run(new Siit(S), in).only();
        assertThat(Arrays.copyOfRange(out, 8, 24)).isEqualTo(v6("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        assertThat(Arrays.copyOfRange(out, 24, 40)).isEqualTo(v6("2001:db8:64::c633:6407"));
        assertThat(TestPackets.l4ChecksumValid(out)).isTrue();
    }

    @Test
    void inboundRepliesComeBackTo192001() {
        byte[] src = v6("2001:db8:64::c633:6407");
        byte[] dst = v6("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
        byte[] in = TestPackets.ipv6(0, TestPackets.ICMPV6, 64, src, dst, TestPackets.seal6(src, dst, TestPackets.ICMPV6,
                TestPackets.icmp(129, 0, 7 << 16 | 1, new byte[8])));
        byte[] out = TestPackets.run(new Siit(S), in).only();
        assertThat(TestPackets.i32(out, 12)).as("source").isEqualTo(v4("198.51.100.7"));
        assertThat(TestPackets.i32(out, 16)).as("destination").isEqualTo(v4("192.0.0.1"));
    }

    @Test
    void trafficForAnotherIpv6AddressIsNotOurs() {
        byte[] in = udp6(v6("2001:db8:64::c633:6407"), v6("2001:db8:1:2::99"), 53, 40000, new byte[4]);
        assertThat(TestPackets.run(new Siit(S), in).stat()).isNotEqualTo(XlatStat.TRANSLATED_64);
    }

    @Test
    void routerErrorsWithoutAnIpv4FormComeFrom192008() {
        // traceroute: Time Exceeded from a router of the IPv6 path, quoting our translated probe
        byte[] probe = udp6(v6("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), v6("2001:db8:64::c633:6407"), 40000, 33434, new byte[8]);
        byte[] error = icmp6Error(v6("2001:db8:ffff::1"), v6("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), 3, 0, 0, probe);
        byte[] out = TestPackets.run(new Siit(S), error).only();
        assertThat(TestPackets.i32(out, 12)).isEqualTo(v4("192.0.0.8"));
        assertThat(out[20]).as("ICMPv4 Time Exceeded").isEqualTo((byte) 11);
    }

    @Test
    void aDedicatedSlash64TranslatesTheLanOneToOne() {
        var lan = ClatMapping.lanEntries(net.v6mostly.addr.Ipv6Prefix.parse("2001:db8:2:300::/64"),
                java.util.List.of(net.v6mostly.addr.Ipv4Prefix.parse("198.18.1.0/24")));
        assertThat(lan.getFirst().ipv6()).isEqualTo(net.v6mostly.addr.Ipv6Prefix.parse("2001:db8:2:300::c612:100/120"));
        SiitSettings ce = ClatMapping.settings(PREF64, CLAT6, ClatAddresses.DEFAULT_IPV4, 1500, lan);
        byte[] out = TestPackets.run(new Siit(ce), udp4(v4("198.18.1.7"), v4("198.51.100.7"), 5000, 53, new byte[4])).only();
        assertThat(Arrays.copyOfRange(out, 8, 24)).isEqualTo(v6("2001:db8:2:300::c612:107"));
        byte[] back = TestPackets.run(new Siit(ce), udp6(v6("2001:db8:64::c633:6407"), v6("2001:db8:2:300::c612:107"),
                53, 5000, new byte[4])).only();
        assertThat(TestPackets.i32(back, 16)).isEqualTo(v4("198.18.1.7"));
        byte[] own = TestPackets.run(new Siit(ce), udp4(v4("192.0.0.1"), v4("198.51.100.7"), 1, 2, new byte[4])).only();
        assertThat(Arrays.copyOfRange(own, 8, 24)).as("the host's own entry still holds").isEqualTo(v6(
                "2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
    }

    @Test
    void theIpv4SideLeavesRoomForTwentyBytes() {
        assertThat(S.mtu4()).isEqualTo(1480);
        assertThat(S.mtu6()).isEqualTo(1500);
        assertThat(ClatMapping.ipv4Mtu(1280)).isEqualTo(1260);
        // a 1480-byte IPv4 packet with DF (as Linux sends TCP and ping) becomes exactly a 1500-byte IPv6 one
        int src = v4("192.0.0.1");
        int dst = v4("198.51.100.7");
        byte[] in = new TestPackets.V4(TestPackets.ICMP, src, dst).df(true).build(TestPackets.seal4(src, dst,
                TestPackets.ICMP, TestPackets.icmp(8, 0, 1 << 16 | 1, new byte[1480 - 28])));
        assertThat(TestPackets.run(new Siit(S), in).only()).hasSize(1500);
    }
}
