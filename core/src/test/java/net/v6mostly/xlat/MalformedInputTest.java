package net.v6mostly.xlat;

import static net.v6mostly.xlat.TestPackets.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import net.v6mostly.addr.Rfc6052Prefix;

/**
 * Crafted malformed packets, each asserting the exact {@link XlatStat} and that nothing at all is
 * emitted (no translation, no ICMP error: RFC 1812 §5.2.2 and RFC 8200 say a malformed packet is
 * discarded). {@link #everyMalformedStatIsProducedByACraftedPacket} keeps the table complete.
 */
class MalformedInputTest {
    static final SiitSettings SETTINGS = SiitSettings.builder().pool6(Rfc6052Prefix.parse("2001:db8:64::/96"))
            .ownIpv4(v4("203.0.113.254")).icmpErrorsPerSecond(0).build();
    static final int HOST = v4("198.51.100.2");
    static final int NODE = v4("192.0.2.1");
    static final int ROUTER = v4("203.0.113.1");
    static final byte[] HOST6 = pool6(HOST);
    static final byte[] NODE6 = pool6(NODE);
    static final byte[] ROUTER6 = pool6(ROUTER);

    /** The malformed-input exits: the block from UNKNOWN_VERSION to TRANSPORT_TRUNCATED, and the ICMP ones. */
    static final Set<XlatStat> MALFORMED = union(EnumSet.range(XlatStat.UNKNOWN_VERSION, XlatStat.TRANSPORT_TRUNCATED),
            EnumSet.of(XlatStat.ICMP_BAD_CHECKSUM, XlatStat.ICMP_ERROR_INNER_MALFORMED, XlatStat.ICMP_ERROR_NESTED));

    record Case(String name, byte[] packet, XlatStat expected) {
        @Override
        public String toString() {
            return name + " -> " + expected;
        }
    }

    static byte[] good4() {
        return udp4(HOST, NODE, 53, 5000, new byte[8]);
    }

    static byte[] good6() {
        return udp6(NODE6, HOST6, 5000, 53, new byte[8]);
    }

    static byte[] with(byte[] p, int at, int value) {
        byte[] c = p.clone();
        c[at] = (byte) value;
        return c;
    }

    static byte[] v4Options(byte[] options) {
        return new V4(UDP, HOST, NODE).options(options).build(seal4(HOST, NODE, UDP, udp(1, 2, new byte[4])));
    }

    static byte[] v6Chain(int firstNext, byte[] rest) {
        return ipv6(0, firstNext, 64, NODE6, HOST6, rest);
    }

    static byte[] icmp4Err(int type, int code, int rest, byte[] inner) {
        return icmp4Error(ROUTER, NODE, type, code, rest, inner);
    }

    static byte[] icmp6Err(int type, int code, int rest, byte[] inner) {
        return icmp6Error(ROUTER6, HOST6, type, code, rest, inner);
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        byte[] quoted4 = udp4(NODE, HOST, 5000, 53, new byte[8]);
        byte[] quoted6 = udp6(HOST6, NODE6, 53, 5000, new byte[8]);

        c.add(new Case("empty", new byte[0], XlatStat.UNKNOWN_VERSION));
        c.add(new Case("version 5", with(good4(), 0, 0x55), XlatStat.UNKNOWN_VERSION));
        c.add(new Case("version 0", new byte[60], XlatStat.UNKNOWN_VERSION));

        c.add(new Case("IPv4 19 bytes", Arrays.copyOf(good4(), 19), XlatStat.IPV4_TRUNCATED));
        c.add(new Case("IPv4 one byte", new byte[] {0x45}, XlatStat.IPV4_TRUNCATED));
        c.add(new Case("IHL 4", reseal4(with(good4(), 0, 0x44)), XlatStat.IPV4_BAD_IHL));
        c.add(new Case("IHL 15 beyond a 36-byte packet", with(good4(), 0, 0x4F), XlatStat.IPV4_BAD_IHL));
        byte[] shortTotal = good4();
        put16(shortTotal, 2, 19);
        c.add(new Case("Total Length 19, below the header", reseal4(shortTotal), XlatStat.IPV4_BAD_TOTAL_LENGTH));
        byte[] longTotal = good4();
        put16(longTotal, 2, longTotal.length + 1);
        c.add(new Case("Total Length one past the packet", reseal4(longTotal), XlatStat.IPV4_BAD_TOTAL_LENGTH));
        c.add(new Case("header checksum off by one", with(good4(), 11, good4()[11] ^ 1), XlatStat.IPV4_BAD_CHECKSUM));
        c.add(new Case("TTL changed without resealing", with(good4(), 8, 63), XlatStat.IPV4_BAD_CHECKSUM));
        c.add(new Case("option length 0", v4Options(new byte[] {68, 0, 0, 0}), XlatStat.IPV4_BAD_OPTIONS));
        c.add(new Case("option length past the header", v4Options(new byte[] {7, 12, 4, 0}), XlatStat.IPV4_BAD_OPTIONS));
        c.add(new Case("option type in the last byte, no length", v4Options(new byte[] {1, 1, 1, 7}), XlatStat.IPV4_BAD_OPTIONS));

        c.add(new Case("IPv6 39 bytes", Arrays.copyOf(good6(), 39), XlatStat.IPV6_TRUNCATED));
        byte[] lying6 = good6();
        put16(lying6, 4, u16(lying6, 4) + 1);
        c.add(new Case("Payload Length one past the packet", lying6, XlatStat.IPV6_BAD_PAYLOAD_LENGTH));
        c.add(new Case("Hop-by-Hop with 4 bytes", v6Chain(HOP_BY_HOP, new byte[] {UDP, 0, 1, 4}), XlatStat.IPV6_EXTENSION_TRUNCATED));
        c.add(new Case("Destination Options claiming 16 bytes, 8 present",
                v6Chain(DEST_OPTS, new byte[] {UDP, 1, 1, 4, 0, 0, 0, 0}), XlatStat.IPV6_EXTENSION_TRUNCATED));
        c.add(new Case("Fragment header with 4 bytes", v6Chain(FRAGMENT, new byte[] {UDP, 0, 0, 0}), XlatStat.IPV6_EXTENSION_TRUNCATED));
        c.add(new Case("two Fragment headers", v6Chain(FRAGMENT, concat(new byte[] {FRAGMENT, 0, 0, 0, 0, 0, 0, 1},
                new byte[] {UDP, 0, 0, 0, 0, 0, 0, 1}, udp(1, 2, new byte[4]))), XlatStat.IPV6_DUPLICATE_FRAGMENT_HEADER));

        c.add(new Case("IPv4 UDP with 4 bytes", new V4(UDP, HOST, NODE).build(new byte[4]), XlatStat.TRANSPORT_TRUNCATED));
        c.add(new Case("IPv4 TCP with 17 bytes", new V4(TCP, HOST, NODE).build(new byte[17]), XlatStat.TRANSPORT_TRUNCATED));
        c.add(new Case("IPv4 ICMP with 4 bytes", new V4(ICMP, HOST, NODE).build(new byte[] {8, 0, 0, 0}), XlatStat.TRANSPORT_TRUNCATED));
        c.add(new Case("IPv6 TCP with 10 bytes", ipv6(0, TCP, 64, NODE6, HOST6, new byte[10]), XlatStat.TRANSPORT_TRUNCATED));
        c.add(new Case("IPv6 ICMPv6 with 4 bytes", ipv6(0, ICMPV6, 64, NODE6, HOST6, new byte[] {(byte) 128, 0, 0, 0}),
                XlatStat.TRANSPORT_TRUNCATED));

        c.add(new Case("ICMPv4 error, checksum off", with(icmp4Err(3, 1, 0, quoted4), 23, icmp4Err(3, 1, 0, quoted4)[23] ^ 1),
                XlatStat.ICMP_BAD_CHECKSUM));
        c.add(new Case("ICMPv6 error, checksum off", with(icmp6Err(1, 0, 0, quoted6), 43, icmp6Err(1, 0, 0, quoted6)[43] ^ 1),
                XlatStat.ICMP_BAD_CHECKSUM));
        c.add(new Case("ICMPv6 error, checksum without the pseudo-header",
                ipv6(0, ICMPV6, 64, ROUTER6, HOST6, seal4(0, 0, ICMP, icmp(1, 0, 0, quoted6))), XlatStat.ICMP_BAD_CHECKSUM));

        c.add(new Case("ICMPv4 error quoting 8 bytes", icmp4Err(3, 1, 0, Arrays.copyOf(quoted4, 8)), XlatStat.ICMP_ERROR_INNER_MALFORMED));
        c.add(new Case("ICMPv4 error quoting IPv6", icmp4Err(3, 1, 0, quoted6), XlatStat.ICMP_ERROR_INNER_MALFORMED));
        c.add(new Case("ICMPv4 error, inner IHL beyond the quote", icmp4Err(11, 0, 0, with(Arrays.copyOf(quoted4, 24), 0, 0x4F)),
                XlatStat.ICMP_ERROR_INNER_MALFORMED));
        c.add(new Case("ICMPv4 error, RFC 4884 length 1 word: shorter than the inner header",
                icmp4Err(3, 1, 1 << 16, quoted4), XlatStat.ICMP_ERROR_INNER_MALFORMED));
        c.add(new Case("ICMPv4 error quoting garbage with IHL 3", icmp4Err(3, 3, 0, garbage(60, 0x43)), XlatStat.ICMP_ERROR_INNER_MALFORMED));
        c.add(new Case("ICMPv6 error quoting IPv4", icmp6Err(1, 4, 0, concat(quoted4, new byte[20])), XlatStat.ICMP_ERROR_INNER_MALFORMED));
        c.add(new Case("ICMPv6 error, inner extension truncated",
                icmp6Err(1, 4, 0, Arrays.copyOf(ipv6(0, HOP_BY_HOP, 64, HOST6, NODE6, new byte[] {UDP, 4}), 44)),
                XlatStat.ICMP_ERROR_INNER_MALFORMED));
        c.add(new Case("ICMPv6 error, RFC 4884 length 1 word: shorter than the inner header",
                icmp6Err(1, 4, 1 << 24, quoted6), XlatStat.ICMP_ERROR_INNER_MALFORMED));
        c.add(new Case("ICMPv6 error quoting garbage", icmp6Err(3, 0, 0, garbage(80, 0x6F)), XlatStat.ICMP_ERROR_INNER_MALFORMED));
        c.add(new Case("ICMPv6 error quoting 20 bytes", icmp6Err(3, 0, 0, Arrays.copyOf(quoted6, 20)), XlatStat.ICMP_ERROR_INNER_MALFORMED));

        c.add(new Case("ICMPv4 error quoting an ICMPv4 error",
                icmp4Err(3, 1, 0, icmp4Error(NODE, HOST, 3, 3, 0, Arrays.copyOf(quoted4, 28))), XlatStat.ICMP_ERROR_NESTED));
        c.add(new Case("ICMPv6 error quoting an ICMPv6 error",
                icmp6Err(1, 0, 0, icmp6Error(HOST6, NODE6, 1, 4, 0, Arrays.copyOf(quoted6, 48))), XlatStat.ICMP_ERROR_NESTED));
        return c;
    }

    /** Deterministic garbage starting with {@code first} (version and, for IPv4, IHL). */
    static byte[] garbage(int length, int first) {
        byte[] g = new byte[length];
        long x = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            g[i] = (byte) x;
        }
        g[0] = (byte) first;
        return g;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void malformedInputIsDroppedWithItsOwnStatAndNothingEmitted(Case c) {
        Siit siit = new Siit(SETTINGS);
        Result r = run(siit, c.packet());
        assertThat(r.stat()).as(c.name()).isEqualTo(c.expected());
        assertThat(r.emitted()).as("%s: nothing emitted", c.name()).isEmpty();
        assertThat(siit.counters().get(c.expected())).isEqualTo(1);
        assertThat(c.expected().isDrop()).isTrue();
    }

    @Test
    void everyMalformedStatIsProducedByACraftedPacket() {
        Set<XlatStat> covered = cases().stream().map(Case::expected).collect(Collectors.toCollection(() -> EnumSet.noneOf(XlatStat.class)));
        assertThat(covered).containsAll(MALFORMED);
    }

    /** The well-formed twins of the crafted packets translate, so the cases above fail for the named reason. */
    @Test
    void theUnbrokenPacketsTranslate() {
        assertThat(run(new Siit(SETTINGS), good4()).stat()).isEqualTo(XlatStat.TRANSLATED_46);
        assertThat(run(new Siit(SETTINGS), good6()).stat()).isEqualTo(XlatStat.TRANSLATED_64);
        assertThat(run(new Siit(SETTINGS), icmp4Err(3, 1, 0, udp4(NODE, HOST, 5000, 53, new byte[8]))).stat())
                .isEqualTo(XlatStat.TRANSLATED_46);
        assertThat(run(new Siit(SETTINGS), icmp6Err(1, 0, 0, udp6(HOST6, NODE6, 53, 5000, new byte[8]))).stat())
                .isEqualTo(XlatStat.TRANSLATED_64);
        assertThat(run(new Siit(SETTINGS), v4Options(new byte[] {1, 1, 1, 0})).stat()).as("NOPs and End of List")
                .isEqualTo(XlatStat.TRANSLATED_46);
    }

    @SafeVarargs
    private static Set<XlatStat> union(Set<XlatStat>... sets) {
        EnumSet<XlatStat> all = EnumSet.noneOf(XlatStat.class);
        for (Set<XlatStat> s : sets) {
            all.addAll(s);
        }
        return all;
    }
}
