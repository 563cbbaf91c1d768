package net.v6mostly.xlat;

import static net.v6mostly.xlat.TestPackets.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv4PrefixSet;
import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.addr.Ipv6PrefixSet;
import net.v6mostly.addr.Rfc6052Prefix;

/**
 * What the stateless translator never translates (DESIGN.md §6, issue 15): IPv4 destinations no
 * router may forward to (0/8, 127/8, 224/4, 240/4, 255.255.255.255; RFC 1812 §5.3.7) with any
 * prefix kind, in both directions (RFC 7915 §4.1 and §5.1), answered as §5.4 says for a discarded
 * packet; and the operator's {@code deny4} and {@code allow6-sources} lists.
 */
class AddressPolicyTest {
    static final SiitSettings SETTINGS = Rfc7915Section5Test.SETTINGS;
    static final byte[] NODE = Rfc7915Section5Test.NODE;
    static final byte[] OWN6 = v6("2001:db8:ffff::1");

    static byte[] embed(Rfc6052Prefix p, int v4) {
        byte[] out = new byte[16];
        put32(out, 0, (int) (p.embedHi(v4) >>> 32));
        put32(out, 4, (int) p.embedHi(v4));
        put32(out, 8, (int) (p.embedLo(v4) >>> 32));
        put32(out, 12, (int) p.embedLo(v4));
        return out;
    }

    /**
     * RFC 7915 §5.1 maps the destination by §6 (RFC 6052), which with a network-specific prefix
     * yields any IPv4 address; the translator still never sends to these. §5.4: the discarded
     * packet is answered with ICMPv6 1/1. Behind the Well-Known Prefix, the non-global ones are
     * already refused by RFC 6052 §3.1 (WKP_NON_GLOBAL); multicast is global, so it is refused here.
     */
    @ParameterizedTest(name = "{0} behind {1}")
    @CsvSource({
        "0.0.0.0, 2001:db8:64::/96, DESTINATION4_FORBIDDEN_64",
        "0.255.255.255, 2001:db8:64::/96, DESTINATION4_FORBIDDEN_64",
        "127.0.0.1, 2001:db8:64::/96, DESTINATION4_FORBIDDEN_64",
        "127.255.255.254, 2001:db8:64::/64, DESTINATION4_FORBIDDEN_64",
        "224.0.0.1, 2001:db8:64::/96, DESTINATION4_FORBIDDEN_64",
        "239.255.255.250, 2001:db8:6400::/40, DESTINATION4_FORBIDDEN_64",
        "240.0.0.1, 2001:db8:64::/96, DESTINATION4_FORBIDDEN_64",
        "255.255.255.255, 2001:db8:64::/56, DESTINATION4_FORBIDDEN_64",
        "224.0.0.251, 64:ff9b::/96, DESTINATION4_FORBIDDEN_64",
        "127.0.0.1, 64:ff9b::/96, WKP_NON_GLOBAL",
        "255.255.255.255, 64:ff9b::/96, WKP_NON_GLOBAL",
    })
    void section51ForbiddenIpv4DestinationsAreNeverReached(String destination, String prefix, XlatStat exit) {
        Rfc6052Prefix pool6 = Rfc6052Prefix.parse(prefix);
        byte[] src = embed(pool6, v4("192.0.2.1"));
        byte[] dst = embed(pool6, v4(destination));
        byte[] in = ipv6(0, UDP, 64, src, dst, seal6(src, dst, UDP, udp(5000, 53, new byte[4])));
        SiitSettings settings = SETTINGS.toBuilder().pool6(pool6).build();
        Result r = run(new Siit(settings), in);
        assertThat(r.stat()).isEqualTo(exit);
        assertThat(r.on(Side.V4)).as("nothing leaves toward IPv4").isEmpty();
        byte[] expected = ipv6(0, ICMPV6, 64, OWN6, src, seal6(OWN6, src, ICMPV6, icmp(1, 1, 0, in)));
        assertThat(r.only()).as("§5.4: 1/1 administratively prohibited").isEqualTo(expected);
        if (pool6.isWellKnown()) {
            Result open = run(new Siit(settings.toBuilder().wkpNonGlobal(true).build()), in);
            assertThat(open.stat()).as("wkp-translate-non-global does not open these")
                    .isEqualTo(XlatStat.DESTINATION4_FORBIDDEN_64);
            assertThat(open.on(Side.V4)).isEmpty();
        }
    }

    /** An ICMPv6 message is not answered (§5.4), and is counted like any other. */
    @Test
    void section54NoAnswerAboutAnIcmpv6MessageToAForbiddenDestination() {
        byte[] dst = pool6(v4("127.0.0.1"));
        byte[] in = echo6(NODE, dst, 7, 1, new byte[8]);
        Siit siit = new Siit(SETTINGS);
        Result r = run(siit, in);
        assertThat(r.stat()).isEqualTo(XlatStat.DESTINATION4_FORBIDDEN_64);
        assertThat(r.emitted()).isEmpty();
        assertThat(siit.counters().get(XlatStat.DESTINATION4_FORBIDDEN_64)).isEqualTo(1);
    }

    /**
     * RFC 7915 §4.1: "If the translator gets an illegal source address (e.g., 0.0.0.0, 127.0.0.1,
     * etc.), the translator SHOULD silently drop the packet"; destinations outside unicast are
     * never translated nor answered (RFC 1812 §4.3.2.7). With EAM and a network-specific pool6.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0.0.0.0, 192.0.2.1, SOURCE4_ILLEGAL",
        "127.0.0.1, 192.0.2.1, SOURCE4_ILLEGAL",
        "224.0.0.9, 192.0.2.1, SOURCE4_ILLEGAL",
        "240.1.2.3, 192.0.2.1, SOURCE4_ILLEGAL",
        "255.255.255.255, 192.0.2.1, SOURCE4_ILLEGAL",
        "198.51.100.2, 0.1.2.3, DESTINATION4_ILLEGAL",
        "198.51.100.2, 127.0.0.1, DESTINATION4_ILLEGAL",
        "198.51.100.2, 239.0.0.1, DESTINATION4_ILLEGAL",
        "198.51.100.2, 250.0.0.1, DESTINATION4_ILLEGAL",
        "198.51.100.2, 255.255.255.255, DESTINATION4_ILLEGAL",
    })
    void section41ForbiddenIpv4AddressesNeverComeOutAsIpv6(String source, String destination, XlatStat exit) {
        int s = v4(source);
        int d = v4(destination);
        byte[] in = new V4(UDP, s, d).build(seal4(s, d, UDP, udp(1, 2, new byte[4])));
        Result r = run(new Siit(SETTINGS), in);
        assertThat(r.stat()).isEqualTo(exit);
        assertThat(r.emitted()).as("dropped silently").isEmpty();
    }

    /**
     * An ICMPv4 error from an illegal source (a router reporting from 127.0.0.1) still reaches the
     * IPv6 node, but its source is treated as untranslatable (RFC 7915 §4.1): the RFC 6791 pool,
     * never pool6 + 127.0.0.1.
     */
    @Test
    void section41IcmpErrorFromAnIllegalSourceIsSourcedFromTheRfc6791Pool() {
        int host = v4("198.51.100.2");
        int node = v4("192.0.2.1");
        byte[] quoted = udp4(node, host, 5000, 53, new byte[8]);
        byte[] error = icmp4Error(v4("127.0.0.1"), node, 3, 3, 0, quoted);
        Ipv6Prefix pool = Ipv6Prefix.parse("2001:db8:6791::/64");
        Result r = run(new Siit(SETTINGS.toBuilder().rfc6791v6(pool).build()), error);
        assertThat(r.stat()).isEqualTo(XlatStat.TRANSLATED_46);
        byte[] out = r.only();
        assertThat(Arrays.copyOfRange(out, 8, 16)).as("source from the RFC 6791 pool").isEqualTo(Arrays.copyOf(v6("2001:db8:6791::"), 8));
        assertThat(Arrays.copyOfRange(out, 8, 24)).isNotEqualTo(pool6(v4("127.0.0.1")));
        assertThat(headerProblems(out)).isEmpty();
        assertThat(l4ChecksumValid(out)).isTrue();
    }

    /**
     * §5.1 Source Address: "If the translator gets an illegal source address ..., the translator
     * SHOULD silently drop the packet". An IPv6 node spoofing pool6 + 127.0.0.1 (or multicast)
     * never puts that source on the IPv4 network; an ICMPv6 error from such a source still
     * travels, sourced as an untranslatable one (the RFC 6791 pool).
     */
    @ParameterizedTest
    @CsvSource({"127.0.0.1", "0.0.0.0", "224.0.0.1", "240.0.0.1", "255.255.255.255"})
    void section51IllegalIpv4SourcesAreDroppedSilently(String source) {
        byte[] src = pool6(v4(source));
        byte[] host = Rfc7915Section5Test.HOST;
        byte[] in = ipv6(0, UDP, 64, src, host, seal6(src, host, UDP, udp(5000, 53, new byte[4])));
        Result r = run(new Siit(SETTINGS), in);
        assertThat(r.stat()).isEqualTo(XlatStat.SOURCE4_FORBIDDEN_64);
        assertThat(r.emitted()).isEmpty();
        byte[] error = icmp6Error(src, NODE, 1, 4, 0, Rfc7915Section5Test.original(20));
        Result e = run(new Siit(SETTINGS.toBuilder().rfc6791v4(Ipv4Prefix.parse("203.0.113.240/28")).build()), error);
        assertThat(e.stat()).isEqualTo(XlatStat.TRANSLATED_64);
        byte[] out = e.only();
        assertThat(i32(out, 12) & 0xFFFFFFF0).as("source from the RFC 6791 pool").isEqualTo(v4("203.0.113.240"));
        assertThat(headerProblems(out)).isEmpty();
        assertThat(l4ChecksumValid(out)).isTrue();
    }

    /** deny4, 6→4: refused like any discarded packet (§5.4, 1/1); other destinations pass. */
    @Test
    void deny4RefusesDestinationsWithAdministrativelyProhibited() {
        SiitSettings settings = SETTINGS.toBuilder()
                .deny4(new Ipv4PrefixSet(List.of(Ipv4Prefix.parse("198.51.100.0/24")))).build();
        Siit siit = new Siit(settings);
        byte[] denied = pool6(v4("198.51.100.2"));
        byte[] in = ipv6(0, UDP, 64, NODE, denied, seal6(NODE, denied, UDP, udp(5000, 22, new byte[4])));
        Result r = run(siit, in);
        assertThat(r.stat()).isEqualTo(XlatStat.DENY4_DESTINATION_64);
        byte[] expected = ipv6(0, ICMPV6, 64, OWN6, NODE, seal6(OWN6, NODE, ICMPV6, icmp(1, 1, 0, in)));
        assertThat(r.only()).isEqualTo(expected);
        byte[] allowed = pool6(v4("203.0.113.7"));
        byte[] ok = ipv6(0, UDP, 64, NODE, allowed, seal6(NODE, allowed, UDP, udp(5000, 22, new byte[4])));
        assertThat(run(siit, ok).stat()).isEqualTo(XlatStat.TRANSLATED_64);
    }

    /**
     * deny4, 4→6: nothing from a denied network reaches the IPv6 side, and nothing goes back to
     * it, not even the §4.4 answer or a Time Exceeded.
     */
    @Test
    void deny4RefusesSourcesWithCommunicationAdministrativelyProhibited() {
        SiitSettings settings = SETTINGS.toBuilder()
                .deny4(new Ipv4PrefixSet(List.of(Ipv4Prefix.parse("198.51.100.0/25")))).build();
        int s = v4("198.51.100.2");
        int d = v4("192.0.2.1");
        byte[] in = new V4(UDP, s, d).build(seal4(s, d, UDP, udp(53, 5000, new byte[4])));
        Result r = run(new Siit(settings), in);
        assertThat(r.stat()).isEqualTo(XlatStat.DENY4_SOURCE_46);
        assertThat(r.emitted()).isEmpty();
        byte[] expiring = new V4(UDP, s, d).ttl(1).build(seal4(s, d, UDP, udp(53, 5000, new byte[4])));
        Result expired = run(new Siit(settings), expiring);
        assertThat(expired.stat()).isEqualTo(XlatStat.DENY4_SOURCE_46);
        assertThat(expired.emitted()).as("no Time Exceeded toward a denied network").isEmpty();
        int other = v4("198.51.100.200");
        byte[] ok = new V4(UDP, other, d).build(seal4(other, d, UDP, udp(53, 5000, new byte[4])));
        assertThat(run(new Siit(settings), ok).stat()).isEqualTo(XlatStat.TRANSLATED_46);
    }

    /** allow6-sources: only those sources are translated; the others get 1/5 (RFC 4443 §3.1). */
    @Test
    void allow6SourcesRefusesOtherSourcesWithCode5() {
        SiitSettings settings = SETTINGS.toBuilder()
                .allow6Sources(new Ipv6PrefixSet(List.of(Ipv6Prefix.parse("2001:db8:64::c000:200/124")))).build();
        Siit siit = new Siit(settings);
        byte[] host = Rfc7915Section5Test.HOST;
        byte[] in = ipv6(0, UDP, 64, NODE, host, seal6(NODE, host, UDP, udp(5000, 53, new byte[4])));
        assertThat(run(siit, in).stat()).isEqualTo(XlatStat.TRANSLATED_64);
        byte[] outsider = pool6(v4("192.0.2.77"));
        byte[] refused = ipv6(0, UDP, 64, outsider, host, seal6(outsider, host, UDP, udp(5000, 53, new byte[4])));
        Result r = run(siit, refused);
        assertThat(r.stat()).isEqualTo(XlatStat.SOURCE6_NOT_ALLOWED);
        byte[] expected = ipv6(0, ICMPV6, 64, OWN6, outsider, seal6(OWN6, outsider, ICMPV6, icmp(1, 5, 0, refused)));
        assertThat(r.only()).isEqualTo(expected);
        byte[] expired = ipv6(0, UDP, 1, outsider, host, seal6(outsider, host, UDP, udp(5000, 53, new byte[4])));
        assertThat(run(siit, expired).stat()).as("refused before the Hop Limit check: no Time Exceeded")
                .isEqualTo(XlatStat.SOURCE6_NOT_ALLOWED);
    }

    /** The lists follow {@link Siit#reload} like every other setting (SIGHUP). */
    @Test
    void listsAreReloaded() {
        Siit siit = new Siit(SETTINGS);
        byte[] dst = pool6(v4("203.0.113.7"));
        byte[] in = ipv6(0, UDP, 64, NODE, dst, seal6(NODE, dst, UDP, udp(5000, 22, new byte[4])));
        assertThat(run(siit, in).stat()).isEqualTo(XlatStat.TRANSLATED_64);
        siit.reload(SETTINGS.toBuilder().deny4(new Ipv4PrefixSet(List.of(Ipv4Prefix.parse("203.0.113.0/24")))).build());
        assertThat(run(siit, in).stat()).isEqualTo(XlatStat.DENY4_DESTINATION_64);
        siit.reload(SETTINGS);
        assertThat(run(siit, in).stat()).isEqualTo(XlatStat.TRANSLATED_64);
    }
}
