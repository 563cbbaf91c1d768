package net.v6mostly.xlat.rfc6877;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.ndp.NdpOption;
import net.v6mostly.ndp.Pref64Option;
import net.v6mostly.ndp.RouterAdvertisement;
import net.v6mostly.ndp.RouterPreference;

/** The engine end to end on an injected clock: RAs in, DAD results in, on/off and addresses out. */
class ClatEngineTest {
    static final long S = 1_000_000_000L;
    static final Ipv6Address ROUTER = Ipv6Address.parse("fe80::1");
    static final Ipv6Prefix LAN = Ipv6Prefix.parse("2001:db8:1:2::/64");

    static ClatEngine engine(ClatMode mode) {
        return new ClatEngine(new ClatEngine.Settings(mode, "eth0", null, null, ClatAddresses.DEFAULT_IPV4, true,
                2 * S, new byte[] {1}), 0);
    }

    static byte[] ra(String pref64, int lifetime) {
        List<NdpOption> options = new java.util.ArrayList<>();
        options.add(new NdpOption.PrefixInformation(LAN, true, true, 86400, 14400));
        options.add(new NdpOption.Rdnss(600, List.of(Ipv6Address.parse("2001:db8:1:2::53"))));
        if (pref64 != null) {
            options.add(new Pref64Option(Ipv6Prefix.parse(pref64), lifetime));
        }
        return new RouterAdvertisement(64, false, false, RouterPreference.MEDIUM, 1800, 0, 0, options).emit();
    }

    @Test
    void turnsOnOnceTheAddressPassedDadAndFollowsThePrefix() {
        ClatEngine e = engine(ClatMode.AUTO);
        e.onHostState(HostState.IPV6_ONLY);
        assertThat(e.evaluate(0).reason()).isEqualTo(ClatReason.OFF_NO_PREF64);
        assertThat(e.onRouterAdvertisement(ra("2001:db8:64::/96", 600), ROUTER, 255, S)).isTrue();
        ClatState pending = e.evaluate(S);
        assertThat(pending.reason()).isEqualTo(ClatReason.OFF_DAD_PENDING);
        assertThat(pending.slaac64()).isEqualTo(LAN);
        assertThat(LAN.contains(pending.clat6().hi(), pending.clat6().lo())).isTrue();
        e.onDadResult(pending.clat6(), true);
        ClatState on = e.evaluate(2 * S);
        assertThat(on.reason()).isEqualTo(ClatReason.ON);
        assertThat(on.pref64().orElseThrow().prefix()).isEqualTo(Rfc6052Prefix.parse("2001:db8:64::/96"));
        assertThat(e.dnsServers(2 * S)).containsExactly(Ipv6Address.parse("2001:db8:1:2::53"));

        e.onRouterAdvertisement(ra("2001:db8:46::/96", 1200), ROUTER, 255, 3 * S);
        assertThat(e.evaluate(3 * S).pref64().orElseThrow().prefix()).isEqualTo(Rfc6052Prefix.parse("2001:db8:46::/96"));
        assertThat(e.counters().get(ClatStat.PREFIX_CHANGED)).isEqualTo(1);
        assertThat(e.evaluate(3 * S).clat6()).as("the address does not change with the prefix").isEqualTo(on.clat6());

        e.onRouterAdvertisement(ra("2001:db8:46::/96", 0), ROUTER, 255, 4 * S);
        e.onRouterAdvertisement(ra("2001:db8:64::/96", 0), ROUTER, 255, 4 * S);
        assertThat(e.evaluate(4 * S).reason()).as("both withdrawn, RFC 7050 not answered yet")
                .isEqualTo(ClatReason.OFF_NO_PREF64);
        assertThat(e.counters().get(ClatStat.TURNED_ON)).isEqualTo(1);
        assertThat(e.counters().get(ClatStat.TURNED_OFF)).isEqualTo(1);
    }

    @Test
    void nativeIpv4TurnsItOffAndItsRemovalBackOn() {
        ClatEngine e = engine(ClatMode.AUTO);
        e.onHostState(HostState.IPV6_ONLY);
        e.onRouterAdvertisement(ra("2001:db8:64::/96", 600), ROUTER, 255, 0);
        e.onDadResult(e.evaluate(0).clat6(), true);
        assertThat(e.evaluate(0).on()).isTrue();
        e.onHostState(new HostState(true, true, true));
        assertThat(e.evaluate(S).reason()).isEqualTo(ClatReason.OFF_NATIVE_IPV4_ROUTE);
        e.onHostState(HostState.IPV6_ONLY);
        assertThat(e.evaluate(2 * S).reason()).isEqualTo(ClatReason.ON);
    }

    @Test
    void dadCollisionsTryNewAddressesThenGiveUp() {
        ClatEngine e = engine(ClatMode.AUTO);
        e.onHostState(HostState.IPV6_ONLY);
        e.onRouterAdvertisement(ra("2001:db8:64::/96", 600), ROUTER, 255, 0);
        Ipv6Address first = e.evaluate(0).clat6();
        e.onDadResult(first, false);
        Ipv6Address second = e.evaluate(0).clat6();
        assertThat(second).isNotEqualTo(first);
        assertThat(e.evaluate(0).reason()).isEqualTo(ClatReason.OFF_DAD_PENDING);
        e.onDadResult(first, false);
        assertThat(e.evaluate(0).clat6()).as("a late result for an old candidate is ignored").isEqualTo(second);
        e.onDadResult(second, false);
        e.onDadResult(e.evaluate(0).clat6(), false);
        assertThat(e.evaluate(0).reason()).isEqualTo(ClatReason.OFF_DAD_FAILED);
        assertThat(e.counters().get(ClatStat.DAD_COLLISION)).isEqualTo(3);
    }

    @Test
    void rfc4861Section612ChecksAreCounted() {
        ClatEngine e = engine(ClatMode.AUTO);
        assertThat(e.onRouterAdvertisement(ra("2001:db8:64::/96", 600), ROUTER, 64, 0)).isFalse();
        assertThat(e.onRouterAdvertisement(ra("2001:db8:64::/96", 600), Ipv6Address.parse("2001:db8::1"), 255, 0))
                .isFalse();
        assertThat(e.onRouterAdvertisement(new byte[] {(byte) 134, 0, 0, 0}, ROUTER, 255, 0)).isFalse();
        byte[] badOption = ra(null, 0);
        badOption[RouterAdvertisement.HEADER + 1] = 0; // option length 0
        assertThat(e.onRouterAdvertisement(badOption, ROUTER, 255, 0)).isFalse();
        assertThat(e.counters().get(ClatStat.RA_BAD_HOP_LIMIT)).isEqualTo(1);
        assertThat(e.counters().get(ClatStat.RA_NOT_LINK_LOCAL)).isEqualTo(1);
        assertThat(e.counters().get(ClatStat.RA_MALFORMED)).isEqualTo(2);
        assertThat(e.discovery().current(0)).isEmpty();
    }

    @Test
    void withoutRaPrefixTheRfc7050AnswerIsUsed() {
        ClatEngine e = engine(ClatMode.AUTO);
        e.onHostState(HostState.IPV6_ONLY);
        e.onRouterAdvertisement(ra(null, 0), ROUTER, 255, 0);
        assertThat(e.rfc7050Due(S)).isFalse();
        assertThat(e.rfc7050Due(2 * S)).isTrue();
        assertThat(e.rfc7050Due(60 * S)).as("one query in flight").isFalse();
        e.onRfc7050Answer(List.of(Ipv6Address.parse("64:ff9b::c000:aa")), 300, 2 * S);
        ClatState s = e.evaluate(2 * S);
        assertThat(s.pref64().orElseThrow().source()).isEqualTo(Pref64Source.RFC7050);
        assertThat(e.counters().get(ClatStat.RFC7050_QUERY)).isEqualTo(1);
        assertThat(e.counters().get(ClatStat.RFC7050_PREFIX)).isEqualTo(1);
        assertThat(e.rfc7050Due(291 * S)).as("TTL 300 s: asked again 10 s before").isFalse();
        assertThat(e.rfc7050Due(292 * S)).isTrue();
        e.onRfc7050Failure(292 * S);
        assertThat(e.rfc7050Due(292 * S)).isFalse();
        assertThat(e.rfc7050Due(293 * S)).as("first retry after 1 s").isTrue();
    }

    @Test
    void aConfiguredAddressIsUsedAndNotReplacedOnCollision() {
        Ipv6Address mine = Ipv6Address.parse("2001:db8:1:2::464");
        ClatEngine e = new ClatEngine(new ClatEngine.Settings(ClatMode.AUTO, "eth0",
                Rfc6052Prefix.parse("64:ff9b::/96"), mine, ClatAddresses.DEFAULT_IPV4, false, 0, new byte[0]), 0);
        e.onHostState(HostState.IPV6_ONLY);
        assertThat(e.evaluate(0).clat6()).isEqualTo(mine);
        e.onDadResult(mine, false);
        assertThat(e.evaluate(0).reason()).isEqualTo(ClatReason.OFF_DAD_FAILED);
    }

    @Test
    void theHostsSlaacAddressesServeBeforeAnyRa() {
        ClatEngine e = engine(ClatMode.AUTO);
        Ipv6Address host = Ipv6Address.parse("2001:db8:1:2::abcd");
        e.onHostAddresses(List.of(host));
        ClatState s = e.evaluate(0);
        assertThat(s.slaac64()).isEqualTo(LAN);
        assertThat(s.clat6()).isNotEqualTo(host);
    }

    /**
     * The RA of issue 15: Router Lifetime 0 (hosts do not take it as a router) and a PREF64 option
     * (RFC 8781 §4: type 38, length 2, Scaled Lifetime 75 = 600 s, PLC 0 = /96) whose prefix
     * 2001:db8:64:0:ff00::/96 has the u octet (bits 64..71) 0xff, which RFC 6052 §2.2 requires
     * to be zero. It once threw out of the engine and stopped the CLAT.
     */
    static final String NONZERO_U_RA = "8600 0000 4000 0000 0000 0000 0000 0000"
            + " 2602 0258 2001 0db8 0064 0000 ff00 0000";

    @Test
    void anRaWhosePref64HasANonZeroUOctetIsCountedAndChangesNothing() {
        ClatEngine e = engine(ClatMode.AUTO);
        byte[] ra = java.util.HexFormat.of().parseHex(NONZERO_U_RA.replace(" ", ""));
        assertThat(e.onRouterAdvertisement(ra, ROUTER, 255, 0)).as("the RA itself is valid (RFC 4861 §6.1.2)").isTrue();
        assertThat(e.counters().get(ClatStat.RA_ACCEPTED)).isEqualTo(1);
        assertThat(e.counters().get(ClatStat.PREF64_NONZERO_U_OCTET)).isEqualTo(1);
        assertThat(e.counters().get(ClatStat.PREF64_OPTION)).isZero();
        assertThat(e.discovery().advertised(0)).isEmpty();
        assertThat(e.evaluate(S).pref64()).isEmpty();
        // a good RA still works afterwards, and a later bad one does not disturb its prefix
        e.onRouterAdvertisement(ra("2001:db8:64::/96", 600), ROUTER, 255, 2 * S);
        e.onRouterAdvertisement(ra, ROUTER, 255, 3 * S);
        assertThat(e.evaluate(3 * S).pref64().orElseThrow().prefix()).isEqualTo(Rfc6052Prefix.parse("2001:db8:64::/96"));
        assertThat(e.counters().get(ClatStat.PREF64_NONZERO_U_OCTET)).isEqualTo(2);
    }

    @Test
    void autonomousPrefixesAndRdnssServersFromRasAreBounded() {
        ClatEngine e = engine(ClatMode.AUTO);
        e.onRouterAdvertisement(ra("2001:db8:64::/96", 600), ROUTER, 255, 0);
        Ipv6Prefix first = e.evaluate(0).slaac64();
        assertThat(first).isEqualTo(LAN);
        for (int i = 0; i < 1000; i++) {
            List<NdpOption> options = List.of(
                    new NdpOption.PrefixInformation(new Ipv6Prefix(0x2001_0db8_1000_0000L + i, 0, 64), true, true, 90000, 0),
                    new NdpOption.Rdnss(900, List.of(new Ipv6Address(0x2001_0db8_0053_0000L, i))));
            e.onRouterAdvertisement(new RouterAdvertisement(64, false, false, RouterPreference.MEDIUM, 0, 0, 0, options)
                    .emit(), ROUTER, 255, S);
        }
        assertThat(e.dnsServers(S)).hasSize(ClatEngine.MAX_DNS_SERVERS);
        assertThat(e.counters().get(ClatStat.RDNSS_TABLE_FULL)).isEqualTo(1001 - ClatEngine.MAX_DNS_SERVERS);
        assertThat(e.counters().get(ClatStat.PIO_TABLE_FULL)).isEqualTo(1001 - ClatEngine.MAX_SLAAC_PREFIXES);
        assertThat(e.evaluate(S).slaac64()).as("the /64 of the CLAT address is never replaced").isEqualTo(first);
    }
}
