package net.v6mostly.xlat;

import static net.v6mostly.xlat.TestPackets.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import net.v6mostly.xlat.rfc7757.EamEntry;
import net.v6mostly.xlat.rfc7757.EamTable;

/**
 * DESIGN.md §3.3: every exit is named, explained and counted, and a packet is counted under
 * exactly one exit; only the constants documented as "counted on top of the exit" may move as
 * well.
 */
class XlatStatTest {
    /** The constants XlatStat documents as "counted on top of the exit". */
    static final Set<XlatStat> ON_TOP = EnumSet.of(XlatStat.ICMP4_ERROR_SENT, XlatStat.ICMP6_ERROR_SENT,
            XlatStat.ICMP_ERROR_RATE_LIMITED, XlatStat.FRAGMENTS_EMITTED_46);

    static final SiitSettings HAIRPIN = MalformedInputTest.SETTINGS.toBuilder()
            .eam(new EamTable(List.of(EamEntry.parse("2001:db8:6::/120", "192.0.2.0/24"))))
            .hairpin(SiitSettings.HairpinMode.INTRINSIC).build();

    @Test
    void everyConstantExplainsItself() {
        for (XlatStat stat : XlatStat.values()) {
            assertThat(stat.explanation()).as(stat.name()).isNotBlank().hasSizeGreaterThan(15);
        }
        assertThat(XlatStat.TRANSLATED_46.isDrop()).isFalse();
        assertThat(XlatStat.IPV4_BAD_CHECKSUM.isDrop()).isTrue();
    }

    /** A mix of everything: translations, fragments, hairpins, generated errors (some rate limited), drops. */
    static List<byte[]> corpus() {
        List<byte[]> packets = new ArrayList<>();
        int host = MalformedInputTest.HOST;
        int node = MalformedInputTest.NODE;
        packets.add(MalformedInputTest.good4());
        packets.add(MalformedInputTest.good6());
        packets.add(new V4(UDP, host, node).df(false).build(seal4(host, node, UDP, udp(1, 2, new byte[3000]))));
        packets.add(new V4(UDP, host, node).ttl(1).build(seal4(host, node, UDP, udp(1, 2, new byte[4]))));
        packets.add(ipv6(0, UDP, 1, pool6(node), pool6(host), seal6(pool6(node), pool6(host), UDP, udp(1, 2, new byte[4]))));
        packets.add(new V4(UDP, host, node).build(udp(1, 2, new byte[4]))); // zero checksum: dropped + error
        packets.add(icmp4Error(MalformedInputTest.ROUTER, node, 3, 4, 1400, udp4(node, host, 1, 2, new byte[8])));
        packets.add(hairpinned(new byte[8]));
        packets.add(hairpinned(new byte[3000])); // hairpinned and then fragmented
        for (MalformedInputTest.Case c : MalformedInputTest.cases()) {
            packets.add(c.packet());
        }
        return packets;
    }

    /** 2001:db8:6::1 (EAM 192.0.2.1) to 2001:db8:64::192.0.2.2, which is EAM 2001:db8:6::2: RFC 7757 §4.2. */
    static byte[] hairpinned(byte[] data) {
        byte[] src = v6("2001:db8:6::1");
        byte[] dst = pool6(v4("192.0.2.2"));
        return ipv6(0, UDP, 64, src, dst, seal6(src, dst, UDP, udp(1, 2, data)));
    }

    @Test
    void eachTranslateCallCountsExactlyOneExit() {
        // errors limited to 2 per second so that the corpus also exercises ICMP_ERROR_RATE_LIMITED
        Siit siit = new Siit(HAIRPIN.toBuilder().icmpErrorsPerSecond(1).icmpErrorBurst(2).build());
        Set<XlatStat> seen = EnumSet.noneOf(XlatStat.class);
        for (int round = 0; round < 2; round++) {
            for (byte[] packet : corpus()) {
                Map<XlatStat, Long> before = siit.counters().snapshot();
                Result r = run(siit, packet);
                Map<XlatStat, Long> after = siit.counters().snapshot();
                long exits = 0;
                for (XlatStat stat : XlatStat.values()) {
                    long delta = after.get(stat) - before.get(stat);
                    if (delta != 0) {
                        seen.add(stat);
                    }
                    if (!ON_TOP.contains(stat)) {
                        exits += delta;
                        assertThat(delta).as("%s after a packet that exited %s", stat, r.stat())
                                .isEqualTo(stat == r.stat() ? 1 : 0);
                    }
                }
                assertThat(exits).as("exits counted for a packet that exited %s", r.stat()).isEqualTo(1);
                long fragments = after.get(XlatStat.FRAGMENTS_EMITTED_46) - before.get(XlatStat.FRAGMENTS_EMITTED_46);
                long errors = after.get(XlatStat.ICMP4_ERROR_SENT) - before.get(XlatStat.ICMP4_ERROR_SENT)
                        + after.get(XlatStat.ICMP6_ERROR_SENT) - before.get(XlatStat.ICMP6_ERROR_SENT);
                if (fragments > 0 || errors > 0) {
                    assertThat(fragments + errors).as("on-top counters match what was emitted").isEqualTo(r.emitted().size());
                }
            }
        }
        assertThat(seen).as("the corpus reaches every on-top counter and the hairpin exit")
                .containsAll(ON_TOP).contains(XlatStat.HAIRPINNED_66, XlatStat.FRAGMENTED_46);
    }

    /** RFC 7757 §4.2: a hairpinned packet is one exit, HAIRPINNED_66, not TRANSLATED_46 as well. */
    @Test
    void aHairpinnedPacketIsCountedOnceAsHairpinned() {
        Siit siit = new Siit(HAIRPIN);
        Result r = run(siit, hairpinned(new byte[8]));
        assertThat(r.stat()).isEqualTo(XlatStat.HAIRPINNED_66);
        byte[] out = r.only();
        assertThat(r.emitted().getFirst().side()).isEqualTo(Side.V6);
        assertThat(java.util.Arrays.copyOfRange(out, 8, 24)).as("source: pool6 form of 192.0.2.1").isEqualTo(pool6(v4("192.0.2.1")));
        assertThat(java.util.Arrays.copyOfRange(out, 24, 40)).as("destination: the EAM node").isEqualTo(v6("2001:db8:6::2"));
        assertThat(l4ChecksumValid(out)).isTrue();
        assertThat(siit.counters().get(XlatStat.HAIRPINNED_66)).isEqualTo(1);
        assertThat(siit.counters().get(XlatStat.TRANSLATED_46)).isZero();
        assertThat(siit.counters().get(XlatStat.TRANSLATED_64)).isZero();
    }

}
