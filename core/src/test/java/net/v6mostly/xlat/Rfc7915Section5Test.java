package net.v6mostly.xlat;

import static net.v6mostly.xlat.TestPackets.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Rfc6052Prefix;

/**
 * RFC 7915 §5, translating from IPv6 to IPv4, row by row: §5.1 header fields, Hop Limit expiry,
 * Routing header with Segments Left, DF and Packet Too Big, §5.1.1 the Fragment header, §5.2
 * every ICMPv6 type/code row and the Figure 6 pointer table, Packet Too Big MTU arithmetic, §5.4
 * errors, and the source of an untranslatable ICMPv6 error: RFC 6791 pool, or 192.0.0.8 with a
 * Node Identification Object (draft-ietf-v6ops-icmpext-xlat-v6only-source §4), or the
 * translator's own address.
 */
class Rfc7915Section5Test {
    static final Ipv6Address OWN6 = Ipv6Address.parse("2001:db8:ffff::1");
    static final int OWN4 = v4("203.0.113.254");
    static final SiitSettings SETTINGS = SiitSettings.builder().pool6(Rfc6052Prefix.parse("2001:db8:64::/96"))
            .ownIpv4(OWN4).ownIpv6(OWN6).icmpErrorsPerSecond(0).build();
    /** The IPv6 node (192.0.2.1 through pool6). */
    static final byte[] NODE = pool6(v4("192.0.2.1"));
    /** The IPv4 host it talks to, as the node sees it. */
    static final byte[] HOST = pool6(v4("198.51.100.2"));
    /** An IPv6 router with a pool6 address. */
    static final byte[] ROUTER = pool6(v4("203.0.113.1"));
    /** An IPv6 router outside pool6: its errors have no IPv4 source. */
    static final byte[] NATIVE_ROUTER = v6("2001:db8:1::1");

    /** The packet the IPv4 host sent (as it looks in IPv6 after translation), quoted by errors. */
    static byte[] original(int payload) {
        return ipv6(0, UDP, 62, HOST, NODE, seal6(HOST, NODE, UDP, udp(53, 5000, new byte[payload])));
    }

    static Result translate(SiitSettings settings, byte[] packet) {
        return run(new Siit(settings), packet);
    }

    // ------------------------------------------------------------------ §5.1

    @Test
    void section51HeaderFieldsOfATranslatedPacket() {
        byte[] small = ipv6(0xB8, UDP, 64, NODE, HOST, seal6(NODE, HOST, UDP, udp(5000, 53, new byte[1232])));
        byte[] out = translate(SETTINGS, small).only();
        assertThat(out[0]).as("Version 4, IHL 5: no options").isEqualTo((byte) 0x45);
        assertThat(out[1] & 0xFF).as("TOS: copied from Traffic Class").isEqualTo(0xB8);
        assertThat(u16(out, 2)).as("Total Length: Payload Length + 20").isEqualTo(1260);
        assertThat(u16(out, 6) & 0x4000).as("DF clear at 1260 bytes or less").isZero();
        assertThat(out[8] & 0xFF).as("TTL: Hop Limit minus one").isEqualTo(63);
        assertThat(out[9]).isEqualTo((byte) UDP);
        assertThat(i32(out, 12)).isEqualTo(v4("192.0.2.1"));
        assertThat(i32(out, 16)).isEqualTo(v4("198.51.100.2"));
        assertThat(headerProblems(out)).isEmpty();
        assertThat(l4ChecksumValid(out)).isTrue();
        byte[] big = ipv6(0, UDP, 64, NODE, HOST, seal6(NODE, HOST, UDP, udp(5000, 53, new byte[1233])));
        assertThat(u16(translate(SETTINGS, big).only(), 6) & 0x4000).as("DF set above 1260").isEqualTo(0x4000);
    }

    @Test
    void section51HopLimitExpiryAnswersTimeExceededFromTheTranslatorsOwnAddress() {
        for (int hopLimit : new int[] {0, 1}) {
            byte[] in = ipv6(0, UDP, hopLimit, NODE, HOST, seal6(NODE, HOST, UDP, udp(1, 2, new byte[4])));
            Result r = translate(SETTINGS, in);
            assertThat(r.stat()).isEqualTo(XlatStat.HOP_LIMIT_EXPIRED_64);
            byte[] icmp = r.only();
            assertThat(Arrays.copyOfRange(icmp, 8, 24)).as("source: the translator").isEqualTo(v6("2001:db8:ffff::1"));
            assertThat(Arrays.copyOfRange(icmp, 24, 40)).as("destination: the sender").isEqualTo(NODE);
            assertThat(Arrays.copyOfRange(icmp, 40, 42)).as("Time Exceeded, hop limit exceeded in transit").containsExactly(3, 0);
            assertThat(Arrays.copyOfRange(icmp, 48, icmp.length)).isEqualTo(in);
            assertThat(l4ChecksumValid(icmp)).isTrue();
        }
    }

    /** §5.1: "If a Routing header with a non-zero Segments Left field is present ... ICMPv6 Parameter Problem ... pointing to the first byte of the Segments Left field". */
    @Test
    void section51RoutingHeaderWithSegmentsLeftAnswersParameterProblem() {
        // Routing header: Next Header UDP, Hdr Ext Len 2 (24 bytes), Routing Type 0, Segments Left 1, one address
        byte[] routing = {UDP, 2, 0, 1, 0, 0, 0, 0, 0x20, 1, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9};
        byte[] in = ipv6(0, ROUTING, 64, NODE, HOST, concat(routing, seal6(NODE, HOST, UDP, udp(1, 2, new byte[4]))));
        Result r = translate(SETTINGS, in);
        assertThat(r.stat()).isEqualTo(XlatStat.SEGMENTS_LEFT_64);
        byte[] icmp = r.only();
        assertThat(Arrays.copyOfRange(icmp, 40, 42)).as("Parameter Problem, erroneous header field").containsExactly(4, 0);
        assertThat(i32(icmp, 44)).as("pointer at Segments Left: 40 + 3").isEqualTo(43);
        assertThat(in[43]).isEqualTo((byte) 1);
        routing[3] = 0; // Segments Left 0: the header is skipped and not carried
        byte[] passes = ipv6(0, ROUTING, 64, NODE, HOST, concat(routing, seal6(NODE, HOST, UDP, udp(1, 2, new byte[4]))));
        byte[] out = translate(SETTINGS, passes).only();
        assertThat(out).hasSize(20 + 12);
        assertThat(l4ChecksumValid(out)).isTrue();
    }

    /** §5.1 and RFC 7915 §1.4: too big for the IPv4 next hop: PTB with max(1280, mtu4 + 20). */
    @ParameterizedTest(name = "mtu4 {0}: PTB {1}")
    @CsvSource({"1400, 1420", "1000, 1280", "576, 1280"})
    void section51TooBigForTheIpv4NextHopAnswersPacketTooBig(int mtu4, int ptb) {
        byte[] in = ipv6(0, UDP, 64, NODE, HOST, seal6(NODE, HOST, UDP, udp(1, 2, new byte[mtu4 - 28 + 1])));
        Result r = translate(SETTINGS.toBuilder().mtu4(mtu4).build(), in);
        assertThat(r.stat()).isEqualTo(XlatStat.TOO_BIG_64);
        byte[] icmp = r.only();
        assertThat(Arrays.copyOfRange(icmp, 40, 42)).containsExactly(2, 0);
        assertThat(i32(icmp, 44)).isEqualTo(ptb);
        assertThat(icmp.length).isLessThanOrEqualTo(1280);
        byte[] fits = ipv6(0, UDP, 64, NODE, HOST, seal6(NODE, HOST, UDP, udp(1, 2, new byte[mtu4 - 28])));
        assertThat(translate(SETTINGS.toBuilder().mtu4(mtu4).build(), fits).only()).hasSize(mtu4);
    }

    /** §5.1.1: a Fragment header becomes the IPv4 fragment fields, ID from its low 16 bits. */
    @Test
    void section511FragmentHeaderBecomesIpv4FragmentFields() {
        byte[] frag = new byte[8];
        frag[0] = UDP;
        put16(frag, 2, 185 << 3 | 1); // offset 1480 bytes, M set
        put32(frag, 4, 0x1234ABCD);
        byte[] in = ipv6(0, FRAGMENT, 64, NODE, HOST, concat(frag, new byte[64]));
        byte[] out = translate(SETTINGS, in).only();
        assertThat(u16(out, 4)).as("Identification: low 16 bits").isEqualTo(0xABCD);
        assertThat(u16(out, 6)).as("MF set, offset 185, DF clear").isEqualTo(0x2000 | 185);
        assertThat(u16(out, 2)).isEqualTo(20 + 64);
        byte[] after = {UDP, 0, 0, 0, 0, 0, 0, 0};
        frag[0] = DEST_OPTS;
        Result r = translate(SETTINGS, ipv6(0, FRAGMENT, 64, NODE, HOST, concat(frag, after, new byte[16])));
        assertThat(r.stat()).isEqualTo(XlatStat.EXTENSION_AFTER_FRAGMENT_64);
    }

    /** RFC 6052 §3.1 / draft-ietf-v6ops-nat64-wkp-1918 in the 6→4 direction. */
    @Test
    void rfc6052Section31NonGlobalBehindTheWellKnownPrefix() {
        SiitSettings wkp = SETTINGS.toBuilder().pool6(new Rfc6052Prefix(Rfc6052Prefix.WELL_KNOWN)).build();
        byte[] src = v6("64:ff9b::808:808");
        byte[] dst = v6("64:ff9b::a00:1"); // 10.0.0.1
        byte[] in = ipv6(0, UDP, 64, src, dst, seal6(src, dst, UDP, udp(1, 2, new byte[4])));
        assertThat(translate(wkp, in).stat()).isEqualTo(XlatStat.WKP_NON_GLOBAL);
        Result open = translate(wkp.toBuilder().wkpNonGlobal(true).build(), in);
        assertThat(open.stat()).isEqualTo(XlatStat.TRANSLATED_64);
        assertThat(i32(open.only(), 16)).isEqualTo(v4("10.0.0.1"));
        byte[] global = v6("64:ff9b::101:101");
        byte[] ok = ipv6(0, UDP, 64, src, global, seal6(src, global, UDP, udp(1, 2, new byte[4])));
        assertThat(translate(wkp, ok).stat()).isEqualTo(XlatStat.TRANSLATED_64);
    }

    // ------------------------------------------------------------------ §5.2 types and codes

    /** Every row of §5.2 "ICMPv6 informational messages" and "ICMPv6 error messages"; -1 = drop. */
    @ParameterizedTest(name = "ICMPv6 {0}/{1} -> ICMPv4 {2}/{3}: {4}")
    @CsvSource(delimiter = '|', value = {
        "128|0|8|0|Echo Request -> Echo",
        "129|0|0|0|Echo Reply -> Echo Reply",
        "130|0|-1|-1|MLD Query: drop (single hop)",
        "131|0|-1|-1|MLD Report: drop",
        "132|0|-1|-1|MLD Done: drop",
        "133|0|-1|-1|Router Solicitation: drop",
        "134|0|-1|-1|Router Advertisement: drop",
        "135|0|-1|-1|Neighbor Solicitation: drop",
        "136|0|-1|-1|Neighbor Advertisement: drop",
        "137|0|-1|-1|Redirect: drop",
        "200|0|-1|-1|unknown informational: drop",
        "1|0|3|1|No route to destination -> Host Unreachable",
        "1|1|3|10|Communication administratively prohibited -> Host Administratively Prohibited",
        "1|2|3|1|Beyond scope of source address -> Host Unreachable",
        "1|3|3|1|Address unreachable -> Host Unreachable",
        "1|4|3|3|Port unreachable -> Port Unreachable",
        "1|5|-1|-1|other code: drop",
        "1|6|-1|-1|other code: drop",
        "2|0|3|4|Packet Too Big -> Fragmentation Needed",
        "3|0|11|0|Time Exceeded: copy the code",
        "3|1|11|1|Time Exceeded: copy the code",
        "4|0|12|0|Erroneous header field -> Parameter Problem, pointer from Figure 6",
        "4|1|3|2|Unrecognized Next Header -> Protocol Unreachable",
        "4|2|-1|-1|Unrecognized IPv6 option: drop",
        "100|0|-1|-1|unknown error type: drop",
    })
    void section52IcmpV6TypeAndCode(int type, int code, int type4, int code4, String row) {
        int rest = type == 4 && code == 0 ? 7 : type == 2 ? 1400 : type >= 128 ? 0x12340001 : 0;
        byte[] body = Arrays.copyOf(original(100), 100);
        byte[] in = ipv6(0, ICMPV6, 64, ROUTER, HOST, seal6(ROUTER, HOST, ICMPV6, icmp(type, code, rest, body)));
        Result r = translate(SETTINGS, in);
        if (type4 < 0) {
            assertThat(r.stat()).as(row).isEqualTo(XlatStat.ICMP6_UNTRANSLATABLE_TYPE);
            assertThat(r.emitted()).as("silently dropped").isEmpty();
            return;
        }
        assertThat(r.stat()).as(row).isEqualTo(XlatStat.TRANSLATED_64);
        byte[] out = r.only();
        assertThat(headerProblems(out)).isEmpty();
        assertThat(out[9]).isEqualTo((byte) ICMP);
        assertThat(out[20] & 0xFF).as(row).isEqualTo(type4);
        assertThat(out[21] & 0xFF).as(row).isEqualTo(code4);
        assertThat(l4ChecksumValid(out)).as("ICMPv4 checksum, no pseudo-header").isTrue();
        int rest4 = i32(out, 24);
        switch (type4) {
            case 8, 0 -> assertThat(rest4).isEqualTo(rest);
            case 12 -> assertThat(rest4 >>> 24).as("pointer 7 (Hop Limit) -> 8 (TTL)").isEqualTo(8);
            case 3 -> assertThat(rest4 & 0xFFFF).isEqualTo(code4 == 4 ? 1380 : 0);
            default -> assertThat(rest4 & 0xFFFF).isZero();
        }
        if (type < 128) {
            assertThat(out[28]).as("the embedded packet is translated to IPv4 too (§5.3)").isEqualTo((byte) 0x45);
            assertThat(out.length).isLessThanOrEqualTo(576);
        }
    }

    /** RFC 7915 §5.2 Figure 6, "Pointer Value for Translating from IPv6 to IPv4"; -1 = n/a (drop). */
    @ParameterizedTest(name = "IPv6 pointer {0} -> IPv4 pointer {1}")
    @CsvSource({
        "0,0", "1,1", "2,-1", "3,-1", "4,2", "5,2", "6,9", "7,8",
        "8,12", "15,12", "23,12", "24,16", "31,16", "39,16", "40,-1", "1000,-1",
    })
    void section52Figure6ParameterProblemPointer(int pointer6, int pointer4) {
        byte[] in = ipv6(0, ICMPV6, 64, ROUTER, HOST, seal6(ROUTER, HOST, ICMPV6, icmp(4, 0, pointer6, original(20))));
        Result r = translate(SETTINGS, in);
        if (pointer4 < 0) {
            assertThat(r.stat()).isEqualTo(XlatStat.ICMP6_POINTER_UNTRANSLATABLE);
            assertThat(r.emitted()).isEmpty();
            return;
        }
        byte[] out = r.only();
        assertThat(Arrays.copyOfRange(out, 20, 22)).containsExactly(12, 0);
        assertThat(out[24] & 0xFF).isEqualTo(pointer4);
    }

    /** §5.2: "minimum(advertised MTU-20, MTU_of_IPv4_nexthop, (MTU_of_IPv6_nexthop)-20)", at least 68 (RFC 791). */
    @ParameterizedTest(name = "PTB {0}, mtu4 {1}, mtu6 {2} -> FN {3}")
    @CsvSource({
        "1500, 1500, 1500, 1480",
        "1280, 1500, 1500, 1260",
        "9000, 1500, 1500, 1480",
        "1400, 1000, 1500, 1000",
        "1500, 1500, 1400, 1380",
        "48, 1500, 1500, 68",
    })
    void section52PacketTooBigToFragmentationNeeded(long reported, int mtu4, int mtu6, int fn) {
        byte[] in = ipv6(0, ICMPV6, 64, ROUTER, HOST, seal6(ROUTER, HOST, ICMPV6, icmp(2, 0, (int) reported, original(20))));
        byte[] out = translate(SETTINGS.toBuilder().mtu4(mtu4).mtu6(mtu6).build(), in).only();
        assertThat(Arrays.copyOfRange(out, 20, 22)).containsExactly(3, 4);
        assertThat(u16(out, 26)).isEqualTo(fn);
    }

    /**
     * §5.2: the MTU is adjusted "taking into account whether or not the packet in error includes a
     * Fragment Header": a fragment's IPv4 form is 28 bytes shorter, so 1400 becomes 1372, not 1380.
     */
    @Test
    void section52PacketTooBigAboutAFragmentSubtracts28() {
        byte[] udp = seal6(HOST, NODE, UDP, udp(53, 5000, new byte[20]));
        byte[] fragmentHeader = {(byte) UDP, 0, 0, 1, 0, 0, 0x12, 0x34}; // offset 0, M set, ID 0x1234
        byte[] withFragment = new byte[8 + udp.length];
        System.arraycopy(fragmentHeader, 0, withFragment, 0, 8);
        System.arraycopy(udp, 0, withFragment, 8, udp.length);
        byte[] quoted = ipv6(0, 44, 62, HOST, NODE, withFragment);
        byte[] in = ipv6(0, ICMPV6, 64, ROUTER, HOST, seal6(ROUTER, HOST, ICMPV6, icmp(2, 0, 1400, quoted)));
        byte[] out = translate(SETTINGS, in).only();
        assertThat(Arrays.copyOfRange(out, 20, 22)).containsExactly(3, 4);
        assertThat(u16(out, 26)).isEqualTo(1372);
    }

    // ------------------------------------------------------------------ untranslatable ICMPv6 error source

    static byte[] nativeRouterError() {
        return ipv6(0, ICMPV6, 64, NATIVE_ROUTER, HOST, seal6(NATIVE_ROUTER, HOST, ICMPV6, icmp(3, 0, 0, original(20))));
    }

    /**
     * draft-ietf-v6ops-icmpext-xlat-v6only-source §4.1: source 192.0.0.8; §4.2: an RFC 4884
     * extension with a Node Identification Object holding the original IPv6 source.
     */
    @Test
    void untranslatableErrorSourceBecomes192_0_0_8WithANodeIdentificationObject() {
        byte[] in = nativeRouterError();
        Result r = translate(SETTINGS, in);
        assertThat(r.stat()).isEqualTo(XlatStat.TRANSLATED_64);
        byte[] out = r.only();
        assertThat(i32(out, 12)).as("source 192.0.0.8").isEqualTo(v4("192.0.0.8"));
        assertThat(Arrays.copyOfRange(out, 20, 22)).containsExactly(11, 0);
        assertThat(out[25] & 0xFF).as("RFC 4884 length: 128 bytes in 32-bit words").isEqualTo(32);
        int ext = 28 + 128;
        assertThat(out.length).isEqualTo(ext + 4 + 24);
        assertThat(out[ext] & 0xFF).as("extension version 2").isEqualTo(0x20);
        assertThat(verifies(0, out, ext, out.length - ext)).as("extension checksum").isTrue();
        assertThat(u16(out, ext + 4)).as("object length").isEqualTo(24);
        assertThat(out[ext + 6]).as("Class-Num 5, Node Identification").isEqualTo((byte) 5);
        assertThat(out[ext + 7]).as("C-Type: IP Address sub-object only").isEqualTo((byte) 0x04);
        assertThat(u16(out, ext + 8)).as("AFI 2, IPv6").isEqualTo(2);
        assertThat(Arrays.copyOfRange(out, ext + 12, ext + 28)).as("the original source").isEqualTo(NATIVE_ROUTER);
        assertThat(l4ChecksumValid(out)).isTrue();
        assertThat(headerProblems(out)).isEmpty();
    }

    /** RFC 6791 §3: with an IPv4 pool configured, a pool address and no extension. */
    @Test
    void untranslatableErrorSourceFromTheRfc6791PoolWhenConfigured() {
        SiitSettings pool = SETTINGS.toBuilder().rfc6791v4(Ipv4Prefix.parse("198.51.100.128/25")).build();
        byte[] out = translate(pool, nativeRouterError()).only();
        assertThat(i32(out, 12) >>> 7).as("in 198.51.100.128/25").isEqualTo(v4("198.51.100.128") >>> 7);
        assertThat(out[25]).as("no extension, no length attribute").isZero();
        assertThat(out.length).isEqualTo(28 + 20 + 8 + 20);
        assertThat(l4ChecksumValid(out)).isTrue();
    }

    @Test
    void untranslatableErrorSourceIsTheTranslatorWhenTheExtensionIsOff() {
        byte[] out = translate(SETTINGS.toBuilder().dummySourceExtension(false).build(), nativeRouterError()).only();
        assertThat(i32(out, 12)).isEqualTo(OWN4);
        assertThat(out[25]).isZero();
        assertThat(out.length).isEqualTo(28 + 20 + 8 + 20);
    }

    /**
     * An informational message from the same untranslatable source is not translated; a UDP
     * packet is answered, byte for byte, with ICMPv6 Destination Unreachable code 5, "source
     * address failed ingress/egress policy" (RFC 4443 §3.1), as §5.1 Source Address recommends
     * to a stateless translator, not the §5.4 default 1/1.
     */
    @Test
    void section51SourceOutsideEveryPrefixAnswersDestinationUnreachableCode5() {
        byte[] echo = ipv6(0, ICMPV6, 64, NATIVE_ROUTER, HOST, seal6(NATIVE_ROUTER, HOST, ICMPV6, icmp(128, 0, 1, new byte[8])));
        Result r = translate(SETTINGS, echo);
        assertThat(r.stat()).isEqualTo(XlatStat.SOURCE6_UNTRANSLATABLE);
        assertThat(r.emitted()).as("§5.4: no ICMPv6 error about an ICMPv6 message").isEmpty();
        byte[] udp = ipv6(0, UDP, 64, NATIVE_ROUTER, HOST, seal6(NATIVE_ROUTER, HOST, UDP, udp(1, 2, new byte[8])));
        Result answered = translate(SETTINGS, udp);
        assertThat(answered.stat()).isEqualTo(XlatStat.SOURCE6_UNTRANSLATABLE);
        byte[] own = v6("2001:db8:ffff::1");
        byte[] expected = ipv6(0, ICMPV6, 64, own, NATIVE_ROUTER, seal6(own, NATIVE_ROUTER, ICMPV6, icmp(1, 5, 0, udp)));
        assertThat(answered.only()).as("1/5 from the translator, quoting the packet").isEqualTo(expected);
        assertThat(expected[40]).isEqualTo((byte) 1);
        assertThat(expected[41]).isEqualTo((byte) 5);
    }

    // ------------------------------------------------------------------ §5.4

    @Test
    void section54NoIcmpErrorAboutAnIcmpError() {
        byte[] error = ipv6(0, ICMPV6, 1, ROUTER, HOST, seal6(ROUTER, HOST, ICMPV6, icmp(1, 0, 0, original(20))));
        Result r = translate(SETTINGS, error);
        assertThat(r.stat()).isEqualTo(XlatStat.HOP_LIMIT_EXPIRED_64);
        assertThat(r.emitted()).isEmpty();
        byte[] echo = ipv6(0, ICMPV6, 1, ROUTER, HOST, seal6(ROUTER, HOST, ICMPV6, icmp(128, 0, 1, new byte[8])));
        assertThat(translate(SETTINGS, echo).emitted()).as("an Echo Request is answered").hasSize(1);
    }

    @Test
    void section54ErrorsAreRateLimitedPerDirection() {
        Siit siit = new Siit(SETTINGS.toBuilder().icmpErrorsPerSecond(1).icmpErrorBurst(2).build());
        byte[] expired = ipv6(0, UDP, 1, NODE, HOST, seal6(NODE, HOST, UDP, udp(1, 2, new byte[4])));
        int sent = 0;
        for (int i = 0; i < 4; i++) {
            sent += run(siit, expired, 0).emitted().size();
        }
        assertThat(sent).isEqualTo(2);
        assertThat(siit.counters().get(XlatStat.ICMP_ERROR_RATE_LIMITED)).isEqualTo(2);
        assertThat(run(siit, expired, 1_000L).emitted()).as("one second later: one token").hasSize(1);
    }
}
