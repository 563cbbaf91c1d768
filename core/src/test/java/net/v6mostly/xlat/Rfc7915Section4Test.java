package net.v6mostly.xlat;

import static net.v6mostly.xlat.TestPackets.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.xlat.rfc7757.EamEntry;
import net.v6mostly.xlat.rfc7757.EamTable;

/**
 * RFC 7915 §4, translating from IPv4 to IPv6, row by row: §4.1 header fields and the TTL,
 * source-route, DF and address rules, §4.2 every ICMPv4 type/code row and the Figure 3 pointer
 * table, Fragmentation Needed MTU arithmetic (RFC 1191 plateaus, the 1280 floor), §4.4 errors the
 * translator generates (rate limited, never about an ICMP error), §4.5 the UDP zero checksum.
 */
class Rfc7915Section4Test {
    static final Ipv6Address OWN6 = Ipv6Address.parse("2001:db8:ffff::1");
    static final int OWN4 = v4("203.0.113.254");
    static final SiitSettings SETTINGS = SiitSettings.builder().pool6(Rfc6052Prefix.parse("2001:db8:64::/96"))
            .ownIpv4(OWN4).ownIpv6(OWN6).icmpErrorsPerSecond(0).build();
    /** The IPv6 node, seen from IPv4 through pool6. */
    static final int NODE = v4("192.0.2.1");
    /** The IPv4 host it talks to. */
    static final int HOST = v4("198.51.100.2");
    /** An IPv4 router on the path. */
    static final int ROUTER = v4("203.0.113.1");

    /** The packet the IPv6 node sent (as it looks in IPv4), quoted by the errors below. */
    static byte[] original(int totalLength) {
        return new V4(UDP, NODE, HOST).ttl(63).df(true).build(seal4(NODE, HOST, UDP, udp(5000, 53, new byte[totalLength - 28])));
    }

    static Result translate(SiitSettings settings, byte[] packet) {
        return run(new Siit(settings), packet);
    }

    // ------------------------------------------------------------------ §4.1

    @Test
    void section41HeaderFieldsOfATranslatedPacket() {
        byte[] in = new V4(UDP, HOST, NODE).tos(0xB8).ttl(64).df(true).id(0xBEEF)
                .build(seal4(HOST, NODE, UDP, udp(53, 5000, "answer".getBytes())));
        byte[] out = translate(SETTINGS, in).only();
        assertThat(out[0] >>> 4).as("Version: 6").isEqualTo(6);
        assertThat((i32(out, 0) >>> 20) & 0xFF).as("Traffic Class: copied from TOS").isEqualTo(0xB8);
        assertThat(i32(out, 0) & 0xFFFFF).as("Flow Label: 0").isZero();
        assertThat(u16(out, 4)).as("Payload Length: Total Length minus the IPv4 header").isEqualTo(in.length - 20);
        assertThat(out[6]).as("Next Header: Protocol copied").isEqualTo((byte) UDP);
        assertThat(out[7] & 0xFF).as("Hop Limit: TTL minus one").isEqualTo(63);
        assertThat(Arrays.copyOfRange(out, 8, 24)).as("Source: pool6 + 198.51.100.2").isEqualTo(pool6(HOST));
        assertThat(Arrays.copyOfRange(out, 24, 40)).as("Destination: pool6 + 192.0.2.1").isEqualTo(pool6(NODE));
        assertThat(l4ChecksumValid(out)).isTrue();
        // "the translator MAY ... ignore the IPv4 TOS and always set the IPv6 traffic class to zero"
        byte[] reset = translate(SETTINGS.toBuilder().resetTrafficClass(true).build(), in).only();
        assertThat((i32(reset, 0) >>> 20) & 0xFF).isZero();
    }

    @Test
    void section41OptionsAreIgnoredAndNotCarried() {
        byte[] recordRoute = {7, 7, 4, 0, 0, 0, 0, 0}; // Record Route + End of List
        byte[] in = new V4(UDP, HOST, NODE).options(recordRoute).build(seal4(HOST, NODE, UDP, udp(1, 2, new byte[10])));
        Result r = translate(SETTINGS, in);
        assertThat(r.stat()).isEqualTo(XlatStat.TRANSLATED_46);
        assertThat(r.only()).hasSize(40 + 18);
    }

    @Test
    void section41AFragmentGetsAFragmentHeaderWithTheIpv4Identification() {
        byte[] in = new V4(UDP, HOST, NODE).id(0xABCD).mf(true).offset8(0)
                .build(seal4(HOST, NODE, UDP, udp(1, 2, new byte[32])));
        byte[] out = translate(SETTINGS, in).only();
        assertThat(out[6]).isEqualTo((byte) FRAGMENT);
        Fragment6 f = fragment6(out);
        assertThat(f.identification()).as("IPv4 ID in the low 16 bits, high 16 zero").isEqualTo(0xABCD);
        assertThat(f.more()).isTrue();
        assertThat(f.offset()).isZero();
        assertThat(f.nextHeader()).isEqualTo(UDP);
        assertThat(u16(out, 4)).isEqualTo(8 + 40);
    }

    @Test
    void section41TtlExpiryAnswersTimeExceededFromTheTranslatorsOwnAddress() {
        for (int ttl : new int[] {0, 1}) {
            byte[] in = new V4(UDP, HOST, NODE).ttl(ttl).build(seal4(HOST, NODE, UDP, udp(1, 2, new byte[4])));
            Result r = translate(SETTINGS, in);
            assertThat(r.stat()).isEqualTo(XlatStat.TTL_EXPIRED_46);
            assertThat(r.on(Side.V6)).isEmpty();
            byte[] icmp = r.only();
            assertThat(headerProblems(icmp)).isEmpty();
            assertThat(i32(icmp, 12)).as("source: the translator").isEqualTo(OWN4);
            assertThat(i32(icmp, 16)).as("destination: the sender").isEqualTo(HOST);
            assertThat(icmp[20]).as("Time Exceeded").isEqualTo((byte) 11);
            assertThat(icmp[21]).as("in transit").isEqualTo((byte) 0);
            assertThat(Arrays.copyOfRange(icmp, 28, icmp.length)).as("quotes the packet").isEqualTo(in);
            assertThat(l4ChecksumValid(icmp)).isTrue();
        }
        byte[] two = new V4(UDP, HOST, NODE).ttl(2).build(seal4(HOST, NODE, UDP, udp(1, 2, new byte[4])));
        assertThat(translate(SETTINGS, two).only()[7]).as("TTL 2 leaves with Hop Limit 1").isEqualTo((byte) 1);
    }

    @ParameterizedTest(name = "option type {0}, pointer {1}: {2}")
    @CsvSource({
        "131, 4, SOURCE_ROUTE_46",    // LSRR with an address left: "unexpired source route"
        "137, 4, SOURCE_ROUTE_46",    // SSRR likewise
        "131, 8, TRANSLATED_46",      // pointer past the length: the route is expired
    })
    void section41UnexpiredSourceRouteAnswersSourceRouteFailed(int type, int pointer, XlatStat expected) {
        byte[] option = {(byte) type, 7, (byte) pointer, (byte) 198, 51, 100, 9, 0};
        byte[] in = new V4(UDP, HOST, NODE).options(option).build(seal4(HOST, NODE, UDP, udp(1, 2, new byte[4])));
        Result r = translate(SETTINGS, in);
        assertThat(r.stat()).isEqualTo(expected);
        if (expected == XlatStat.SOURCE_ROUTE_46) {
            byte[] icmp = r.only();
            assertThat(Arrays.copyOfRange(icmp, 20, 22)).as("Destination Unreachable / Source Route Failed")
                    .containsExactly(3, 5);
            assertThat(i32(icmp, 12)).isEqualTo(OWN4);
            assertThat(l4ChecksumValid(icmp)).isTrue();
        } else {
            assertThat(r.on(Side.V6)).hasSize(1);
        }
    }

    @Test
    void section41DfAndTooBigForTheIpv6NextHopAnswersFragmentationNeeded() {
        SiitSettings small = SETTINGS.toBuilder().mtu6(1300).build();
        byte[] in = new V4(UDP, HOST, NODE).df(true).build(seal4(HOST, NODE, UDP, udp(1, 2, new byte[1300 - 40 - 8 + 1])));
        Result r = translate(small, in);
        assertThat(r.stat()).isEqualTo(XlatStat.TOO_BIG_46);
        byte[] icmp = r.only();
        assertThat(Arrays.copyOfRange(icmp, 20, 22)).containsExactly(3, 4);
        assertThat(u16(icmp, 26)).as("next-hop MTU: IPv6 MTU minus 20").isEqualTo(1280);
        // one byte less fits exactly
        byte[] fits = new V4(UDP, HOST, NODE).df(true).build(seal4(HOST, NODE, UDP, udp(1, 2, new byte[1300 - 48])));
        assertThat(translate(small, fits).only()).hasSize(1300);
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
        "127.0.0.1, 192.0.2.1, SOURCE4_ILLEGAL",
        "0.1.2.3, 192.0.2.1, SOURCE4_ILLEGAL",
        "224.0.0.5, 192.0.2.1, SOURCE4_ILLEGAL",
        "198.51.100.2, 255.255.255.255, DESTINATION4_ILLEGAL",
        "198.51.100.2, 239.1.1.1, DESTINATION4_ILLEGAL",
    })
    void section41IllegalAddressesAreDropped(String src, String dst, XlatStat expected) {
        int s = v4(src);
        int d = v4(dst);
        Result r = translate(SETTINGS, new V4(UDP, s, d).build(seal4(s, d, UDP, udp(1, 2, new byte[4]))));
        assertThat(r.stat()).isEqualTo(expected);
        assertThat(r.emitted()).isEmpty();
    }

    /**
     * RFC 6052 §3.1: "The Well-Known Prefix MUST NOT be used to represent non-global IPv4
     * addresses"; draft-ietf-v6ops-nat64-wkp-1918 lets an operator allow it (wkpNonGlobal).
     */
    @ParameterizedTest(name = "{0} -> {1}: {2}, {3} when allowed")
    @CsvSource({
        "10.0.0.1, 8.8.8.8, WKP_NON_GLOBAL, TRANSLATED_46",
        "8.8.8.8, 192.168.1.1, WKP_NON_GLOBAL, TRANSLATED_46",
        "8.8.4.4, 1.1.1.1, TRANSLATED_46, TRANSLATED_46",
    })
    void rfc6052Section31NonGlobalBehindTheWellKnownPrefix(String src, String dst, XlatStat strict, XlatStat allowed) {
        SiitSettings wkp = SETTINGS.toBuilder().pool6(new Rfc6052Prefix(Rfc6052Prefix.WELL_KNOWN)).build();
        int s = v4(src);
        int d = v4(dst);
        byte[] in = new V4(UDP, s, d).build(seal4(s, d, UDP, udp(1, 2, new byte[4])));
        Result r = translate(wkp, in);
        assertThat(r.stat()).isEqualTo(strict);
        assertThat(r.on(Side.V6)).hasSize(strict == XlatStat.TRANSLATED_46 ? 1 : 0);
        Result open = translate(wkp.toBuilder().wkpNonGlobal(true).build(), in);
        assertThat(open.stat()).isEqualTo(allowed);
        byte[] out = open.only();
        assertThat(Arrays.copyOfRange(out, 8, 20)).as("64:ff9b::/96").isEqualTo(Arrays.copyOf(v6("64:ff9b::"), 12));
        assertThat(i32(out, 20)).isEqualTo(s);
    }

    // ------------------------------------------------------------------ §4.2 types and codes

    /** Every row of §4.2 "ICMPv4 query messages" and "ICMPv4 error messages"; -1 = silently drop. */
    @ParameterizedTest(name = "ICMPv4 {0}/{1} -> ICMPv6 {2}/{3}: {4}")
    @CsvSource(delimiter = '|', value = {
        "8|0|128|0|Echo Request -> Echo Request",
        "0|0|129|0|Echo Reply -> Echo Reply",
        "13|0|-1|-1|Timestamp: drop",
        "14|0|-1|-1|Timestamp Reply: drop",
        "17|0|-1|-1|Address Mask Request: drop",
        "18|0|-1|-1|Address Mask Reply: drop",
        "15|0|-1|-1|Information Request: drop",
        "16|0|-1|-1|Information Reply: drop",
        "9|0|-1|-1|Router Advertisement: drop (single hop)",
        "10|0|-1|-1|Router Solicitation: drop (single hop)",
        "42|0|-1|-1|unknown informational type: drop",
        "3|0|1|0|Net Unreachable -> No route to destination",
        "3|1|1|0|Host Unreachable -> No route to destination",
        "3|2|4|1|Protocol Unreachable -> Parameter Problem, unrecognized Next Header",
        "3|3|1|4|Port Unreachable -> Port unreachable",
        "3|4|2|0|Fragmentation Needed -> Packet Too Big",
        "3|5|1|0|Source Route Failed -> No route to destination",
        "3|6|1|0|Destination Network Unknown -> No route",
        "3|7|1|0|Destination Host Unknown -> No route",
        "3|8|1|0|Source Host Isolated -> No route",
        "3|9|1|1|Network Administratively Prohibited -> Communication administratively prohibited",
        "3|10|1|1|Host Administratively Prohibited -> administratively prohibited",
        "3|11|1|0|Network Unreachable for TOS -> No route",
        "3|12|1|0|Host Unreachable for TOS -> No route",
        "3|13|1|1|Communication Administratively Prohibited -> administratively prohibited",
        "3|14|-1|-1|Host Precedence Violation: drop",
        "3|15|1|1|Precedence cutoff in effect -> administratively prohibited",
        "3|16|-1|-1|unknown Destination Unreachable code: drop",
        "4|0|-1|-1|Source Quench: drop (obsoleted)",
        "5|0|-1|-1|Redirect: drop (single hop)",
        "6|0|-1|-1|Alternative Host Address: drop",
        "11|0|3|0|Time Exceeded in transit -> Time Exceeded, copy code",
        "11|1|3|1|Fragment reassembly time exceeded -> Time Exceeded, copy code",
        "12|0|4|0|Parameter Problem, pointer indicates the error -> Erroneous header field",
        "12|1|-1|-1|Parameter Problem, missing a required option: drop",
        "12|2|4|0|Parameter Problem, bad length -> Erroneous header field",
        "40|0|-1|-1|unknown error-like type: drop",
    })
    void section42IcmpV4TypeAndCode(int type, int code, int type6, int code6, String row) {
        int rest = type == 12 ? 9 << 24 : type == 3 && code == 4 ? 1400 : type == 8 || type == 0 ? 0x12340001 : 0;
        byte[] body = Arrays.copyOf(original(100), 100);
        byte[] in = new V4(ICMP, ROUTER, NODE).build(seal4(ROUTER, NODE, ICMP, icmp(type, code, rest, body)));
        Result r = translate(SETTINGS, in);
        if (type6 < 0) {
            assertThat(r.stat()).as(row).isEqualTo(XlatStat.ICMP4_UNTRANSLATABLE_TYPE);
            assertThat(r.emitted()).as("silently dropped: no error about an ICMP message").isEmpty();
            return;
        }
        assertThat(r.stat()).as(row).isEqualTo(XlatStat.TRANSLATED_46);
        byte[] out = r.only();
        assertThat(out[6]).isEqualTo((byte) ICMPV6);
        assertThat(out[40] & 0xFF).as(row).isEqualTo(type6);
        assertThat(out[41] & 0xFF).as(row).isEqualTo(code6);
        assertThat(l4ChecksumValid(out)).as("ICMPv6 checksum with pseudo-header").isTrue();
        int rest6 = i32(out, 44);
        switch (type6) {
            case 128, 129 -> assertThat(rest6).as("identifier and sequence kept").isEqualTo(rest);
            case 2 -> assertThat(rest6).as("MTU 1400 + 20").isEqualTo(1420);
            case 4 -> assertThat(rest6).as("pointer: 3/2 points at Next Header; 12/x pointer 9 (Protocol) -> 6").isEqualTo(6);
            default -> assertThat(rest6).isZero();
        }
        if (type6 < 128) {
            assertThat(out[48] >>> 4).as("the embedded packet is translated to IPv6 too (§4.3)").isEqualTo(6);
            assertThat(Arrays.copyOfRange(out, 56, 72)).as("inner source").isEqualTo(pool6(NODE));
            assertThat(Arrays.copyOfRange(out, 72, 88)).as("inner destination").isEqualTo(pool6(HOST));
        }
    }

    @Test
    void section42IgmpIsDropped() {
        byte[] in = new V4(2, HOST, NODE).build(new byte[8]);
        Result r = translate(SETTINGS, in);
        assertThat(r.stat()).isEqualTo(XlatStat.IGMP_46);
        assertThat(r.emitted()).isEmpty();
    }

    /**
     * §4.1 Next Header: "the protocol field MUST be copied from IPv4 header", but an IPv4
     * Protocol that is an IPv6 extension header number (or ICMPv6) would turn the IPv4 payload
     * into a Hop-by-Hop, Routing, Fragment... header of the IPv6 packet: found by SiitFuzzTest
     * (seed ipv4-protocol-hop-by-hop-fragment). Dropped, answered with the §4.4 default 3/13;
     * ESP and AH are copied as §4.1 says.
     */
    @ParameterizedTest(name = "IPv4 protocol {0}")
    @CsvSource({"0, PROTOCOL_IPV6_ONLY_46", "43, PROTOCOL_IPV6_ONLY_46", "44, PROTOCOL_IPV6_ONLY_46",
        "58, PROTOCOL_IPV6_ONLY_46", "60, PROTOCOL_IPV6_ONLY_46", "135, PROTOCOL_IPV6_ONLY_46",
        "139, PROTOCOL_IPV6_ONLY_46", "140, PROTOCOL_IPV6_ONLY_46", "253, PROTOCOL_IPV6_ONLY_46",
        "254, PROTOCOL_IPV6_ONLY_46", "50, TRANSLATED_46", "51, TRANSLATED_46", "47, TRANSLATED_46"})
    void section41ProtocolsThatAreIpv6HeadersAreNotCopied(int protocol, XlatStat exit) {
        byte[] in = new V4(protocol, HOST, NODE).build(new byte[16]);
        Result r = translate(SETTINGS, in);
        assertThat(r.stat()).isEqualTo(exit);
        if (exit == XlatStat.TRANSLATED_46) {
            assertThat(r.only()[6] & 0xFF).as("Next Header copied").isEqualTo(protocol);
        } else {
            assertThat(r.on(Side.V6)).isEmpty();
            byte[] icmp = r.only();
            assertThat(Arrays.copyOfRange(icmp, 20, 22)).as("§4.4 default").containsExactly(3, 13);
            assertThat(Arrays.copyOfRange(icmp, 28, 28 + in.length)).isEqualTo(in);
        }
    }

    /** RFC 7915 §4.2 Figure 3, "Pointer Value for Translating from IPv4 to IPv6"; -1 = n/a (drop). */
    @ParameterizedTest(name = "IPv4 pointer {0} -> IPv6 pointer {1}")
    @CsvSource({
        "0,0", "1,1", "2,4", "3,4", "4,-1", "5,-1", "6,-1", "7,-1", "8,7", "9,6", "10,-1", "11,-1",
        "12,8", "13,8", "14,8", "15,8", "16,24", "17,24", "18,24", "19,24", "20,-1", "255,-1",
    })
    void section42Figure3ParameterProblemPointer(int pointer4, int pointer6) {
        byte[] in = new V4(ICMP, ROUTER, NODE).build(seal4(ROUTER, NODE, ICMP, icmp(12, 0, pointer4 << 24, original(60))));
        Result r = translate(SETTINGS, in);
        if (pointer6 < 0) {
            assertThat(r.stat()).isEqualTo(XlatStat.ICMP4_POINTER_UNTRANSLATABLE);
            assertThat(r.emitted()).isEmpty();
            return;
        }
        byte[] out = r.only();
        assertThat(Arrays.copyOfRange(out, 40, 42)).containsExactly(4, 0);
        assertThat(i32(out, 44)).isEqualTo(pointer6);
    }

    /**
     * §4.2: "minimum(advertised MTU+20, MTU_of_IPv6_nexthop, (MTU_of_IPv4_nexthop)+20)"; a reported
     * MTU of zero (a pre-RFC 1191 router) uses "the greatest plateau value that is less than the
     * returned Total Length field, but that is larger than or equal to 1280"; RFC 8200 §5 floor 1280.
     */
    @ParameterizedTest(name = "reported {0}, inner Total Length {1}, mtu4 {2}, mtu6 {3} -> PTB {4}")
    @CsvSource({
        "1400, 1500, 1500, 1500, 1420",   // advertised + 20
        "1492, 1500, 1500, 1500, 1500",   // capped by the IPv6 next hop
        "1492, 1500, 1400, 9000, 1420",   // capped by the IPv4 next hop + 20
        "0, 1500, 9000, 9000, 1512",      // RFC 1191 plateau 1492 below 1500, + 20
        "0, 1500, 1500, 1500, 1500",      // the plateau case capped by the next-hop MTUs
        "0, 9000, 9000, 9000, 8186",      // plateau 8166
        "0, 1300, 1500, 1500, 1280",      // no plateau >= 1280 below 1300: the floor
        "576, 600, 1500, 1500, 1280",     // advertised 576 + 20 clamped to the IPv6 minimum
    })
    void section42FragmentationNeededToPacketTooBig(int reported, int innerTotal, int mtu4, int mtu6, int ptb) {
        byte[] quoted = Arrays.copyOf(original(innerTotal), 64);
        byte[] in = new V4(ICMP, ROUTER, NODE).build(seal4(ROUTER, NODE, ICMP, icmp(3, 4, reported, quoted)));
        byte[] out = translate(SETTINGS.toBuilder().mtu4(mtu4).mtu6(mtu6).build(), in).only();
        assertThat(Arrays.copyOfRange(out, 40, 42)).containsExactly(2, 0);
        assertThat(i32(out, 44)).isEqualTo(ptb);
        assertThat(l4ChecksumValid(out)).isTrue();
    }

    /** §4.1 troubleshooting exception: an ICMPv4 error from an untranslatable source (RFC 6791). */
    @Test
    void section41UntranslatableIcmpErrorSourceComesFromTheRfc6791PoolOrTheTranslator() {
        SiitSettings wkp = SETTINGS.toBuilder().pool6(new Rfc6052Prefix(Rfc6052Prefix.WELL_KNOWN))
                .eam(new EamTable(List.of(EamEntry.parse("2001:db8:6::1/128", "192.0.2.1/32")))).build();
        int router = v4("10.0.0.1"); // private router: refused behind the WKP
        int server = v4("8.8.8.8");
        byte[] inner = new V4(UDP, NODE, server).build(seal4(NODE, server, UDP, udp(1, 2, new byte[8])));
        byte[] in = new V4(ICMP, router, NODE).build(seal4(router, NODE, ICMP, icmp(11, 0, 0, inner)));
        byte[] own = translate(wkp, in).only();
        assertThat(Arrays.copyOfRange(own, 8, 24)).as("no pool: the translator's own IPv6 address")
                .isEqualTo(v6("2001:db8:ffff::1"));
        assertThat(Arrays.copyOfRange(own, 24, 40)).isEqualTo(v6("2001:db8:6::1"));
        byte[] pooled = translate(wkp.toBuilder().rfc6791v6(Ipv6Prefix.parse("2001:db8:6791::/64")).build(), in).only();
        assertThat(Arrays.copyOfRange(pooled, 8, 16)).as("an address of the RFC 6791 pool").isEqualTo(Arrays.copyOf(v6("2001:db8:6791::"), 8));
        assertThat(l4ChecksumValid(pooled)).isTrue();
        // a non-error from the same source is not translated
        byte[] echo = new V4(ICMP, router, NODE).build(seal4(router, NODE, ICMP, icmp(8, 0, 1, new byte[8])));
        assertThat(translate(wkp, echo).stat()).isEqualTo(XlatStat.WKP_NON_GLOBAL);
    }

    // ------------------------------------------------------------------ §4.4

    /** §4.4 "sent, rate-limited, or not sent"; RFC 4443 §2.4(f) style token bucket, time passed in. */
    @Test
    void section44GeneratedErrorsAreRateLimitedAndRefillWithTime() {
        Siit siit = new Siit(SETTINGS.toBuilder().icmpErrorsPerSecond(10).icmpErrorBurst(3).build());
        byte[] expired = new V4(UDP, HOST, NODE).ttl(1).build(seal4(HOST, NODE, UDP, udp(1, 2, new byte[4])));
        long t0 = 5_000L; // wall-clock milliseconds
        int[] sentAt = new int[5];
        for (int i = 0; i < 5; i++) {
            sentAt[i] = run(siit, expired, t0).emitted().size();
        }
        assertThat(sentAt).as("burst of 3, then limited").containsExactly(1, 1, 1, 0, 0);
        assertThat(siit.counters().get(XlatStat.ICMP_ERROR_RATE_LIMITED)).isEqualTo(2);
        assertThat(siit.counters().get(XlatStat.TTL_EXPIRED_46)).as("every packet still counted").isEqualTo(5);
        assertThat(run(siit, expired, t0 + 99L).emitted()).as("99 ms: no token yet").isEmpty();
        assertThat(run(siit, expired, t0 + 100L).emitted()).as("100 ms: one token").hasSize(1);
        assertThat(run(siit, expired, t0 + 100L).emitted()).isEmpty();
        long later = t0 + 60_000L;
        int burst = 0;
        for (int i = 0; i < 10; i++) {
            burst += run(siit, expired, later).emitted().size();
        }
        assertThat(burst).as("a long pause refills only up to the burst").isEqualTo(3);
        assertThat(siit.counters().get(XlatStat.ICMP4_ERROR_SENT)).isEqualTo(3 + 1 + 3);
    }

    /** RFC 1122 §3.2.2 / RFC 7915 §4.4: never an ICMP error about an ICMP error. */
    @Test
    void section44NoIcmpErrorAboutAnIcmpError() {
        byte[] error = new V4(ICMP, ROUTER, NODE).ttl(1).build(seal4(ROUTER, NODE, ICMP, icmp(3, 1, 0, original(60))));
        Result r = translate(SETTINGS, error);
        assertThat(r.stat()).isEqualTo(XlatStat.TTL_EXPIRED_46);
        assertThat(r.emitted()).isEmpty();
        byte[] echo = new V4(ICMP, ROUTER, NODE).ttl(1).build(seal4(ROUTER, NODE, ICMP, icmp(8, 0, 1, new byte[8])));
        assertThat(translate(SETTINGS, echo).emitted()).as("an Echo Request is not an error: answered").hasSize(1);
    }

    @Test
    void section44ErrorsCanBeTurnedOff() {
        byte[] expired = new V4(UDP, HOST, NODE).ttl(1).build(seal4(HOST, NODE, UDP, udp(1, 2, new byte[4])));
        Result r = translate(SETTINGS.toBuilder().icmpErrors46(false).build(), expired);
        assertThat(r.stat()).isEqualTo(XlatStat.TTL_EXPIRED_46);
        assertThat(r.emitted()).isEmpty();
    }

    // ------------------------------------------------------------------ §4.5

    /** §4.5: a zero IPv4 UDP checksum is dropped (option 1) unless amended (option 2); never for fragments. */
    @Test
    void section45UdpZeroChecksum() {
        byte[] udp = udp(1, 2, "zero".getBytes());
        byte[] in = new V4(UDP, HOST, NODE).build(udp);
        Result dropped = translate(SETTINGS, in);
        assertThat(dropped.stat()).isEqualTo(XlatStat.UDP_ZERO_CHECKSUM_46);
        assertThat(dropped.on(Side.V6)).isEmpty();
        Result amended = translate(SETTINGS.toBuilder().amendUdpZeroChecksum(true).build(), in);
        assertThat(amended.stat()).isEqualTo(XlatStat.TRANSLATED_46);
        byte[] out = amended.only();
        assertThat(u16(out, 46)).isNotZero();
        assertThat(l4ChecksumValid(out)).isTrue();
        byte[] fragment = new V4(UDP, HOST, NODE).mf(true).build(udp(1, 2, new byte[16]));
        assertThat(translate(SETTINGS.toBuilder().amendUdpZeroChecksum(true).build(), fragment).stat())
                .isEqualTo(XlatStat.UDP_ZERO_CHECKSUM_FRAGMENT_46);
    }

    /** §1.2 / §4.2: a fragmented ICMPv4 message cannot get its ICMPv6 pseudo-header checksum. */
    @Test
    void fragmentedIcmpIsDropped() {
        byte[] in = new V4(ICMP, HOST, NODE).mf(true).build(seal4(HOST, NODE, ICMP, icmp(8, 0, 1, new byte[16])));
        Result r = translate(SETTINGS, in);
        assertThat(r.stat()).isEqualTo(XlatStat.FRAGMENTED_ICMP);
        assertThat(r.emitted()).isEmpty();
    }
}
