package net.v6mostly.xlat;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;

import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv4PrefixSet;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.addr.Ipv6PrefixSet;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.xlat.rfc7757.EamEntry;
import net.v6mostly.xlat.rfc7757.EamTable;

/**
 * Jazzer target: any bytes through the stateless translator (RFC 7915 §4 and §5), both
 * directions, with and without virtio-net offload metadata ({@link Offload}). The first byte
 * picks one of four long-lived translators (network-specific /96 with EAM, hairpinning and
 * deny4; /40 with allow6-sources and small MTUs; the Well-Known Prefix with RFC 6791 pools; the
 * Well-Known Prefix with wkp-translate-non-global and every option on) and the offload flags; the
 * rest is the packet, in a buffer of exactly headroom + its length so any read or write past it
 * throws.
 *
 * <p>Invariants: nothing escapes but an exit; each packet is counted under exactly one exit
 * (in = out + counted drops); a success emits exactly its translation on the other side, a drop
 * emits only the ICMP errors it counted; every emitted packet is well formed (headers, lengths,
 * IPv4 header checksum), never uses 0/8, 127/8, 224/4, 240/4 or a deny4 network as an IPv4
 * destination or source (nor as a pool6-embedded IPv6 source), and its transport checksum
 * verifies when the translator generated it or the input was sound with complete checksums.
 */
class SiitFuzzTest {
    static final Rfc6052Prefix NSP = Rfc6052Prefix.parse("2001:db8:64::/96");
    static final Rfc6052Prefix NSP40 = Rfc6052Prefix.parse("2001:db8:6400::/40");
    static final Rfc6052Prefix WKP = new Rfc6052Prefix(Rfc6052Prefix.WELL_KNOWN);
    static final Ipv4PrefixSet DENY4 = new Ipv4PrefixSet(List.of(Ipv4Prefix.parse("198.51.100.128/25"),
            Ipv4Prefix.parse("10.0.0.0/8")));

    static final SiitSettings[] SETTINGS = {
        base(NSP).eam(eam()).hairpin(SiitSettings.HairpinMode.INTRINSIC).deny4(DENY4).amendUdpZeroChecksum(true).build(),
        base(NSP40).eam(eam()).hairpin(SiitSettings.HairpinMode.SIMPLE).mtu4(576).mtu6(1280).lowestIpv6Mtu(1280)
                .allow6Sources(new Ipv6PrefixSet(List.of(Ipv6Prefix.parse("2001:db8:6::/120"),
                        Ipv6Prefix.parse("2001:db8:6400::/40"))))
                .build(),
        base(WKP).rfc6791v4(Ipv4Prefix.parse("203.0.113.240/28")).rfc6791v6(Ipv6Prefix.parse("2001:db8:6791::/64"))
                .deny4(DENY4).dummySourceExtension(false).build(),
        base(WKP).eam(eam()).wkpNonGlobal(true).resetTrafficClass(true).amendUdpZeroChecksum(true).mtu4(1400)
                .hairpin(SiitSettings.HairpinMode.OFF).build(),
    };
    static final Siit[] TRANSLATORS = Arrays.stream(SETTINGS).map(Siit::new).toArray(Siit[]::new);

    private static long now = 1;

    static SiitSettings.Builder base(Rfc6052Prefix pool6) {
        return SiitSettings.builder().pool6(pool6).ownIpv4(TestPackets.v4("203.0.113.254"))
                .ownIpv6(Ipv6Address.parse("2001:db8:ffff::1")).icmpErrorsPerSecond(0);
    }

    static EamTable eam() {
        return new EamTable(List.of(EamEntry.parse("2001:db8:6::/120", "192.0.2.0/24"),
                EamEntry.parse("2001:db8:7::1", "203.0.113.7")));
    }

    @FuzzTest(maxDuration = "10s")
    void translateAnyPacket(byte[] data) {
        if (data.length < 1) {
            return;
        }
        int control = data[0] & 0xFF;
        int variant = control & 3;
        int offload = control >>> 2 & 3;
        byte[] packet = Arrays.copyOfRange(data, 1, data.length);
        Siit siit = TRANSLATORS[variant];
        SiitSettings settings = SETTINGS[variant];
        long[] before = snapshot(siit);
        List<TestPackets.Emitted> out = new ArrayList<>();
        byte[] buffer = new byte[Siit.HEADROOM + packet.length];
        System.arraycopy(packet, 0, buffer, Siit.HEADROOM, packet.length);
        boolean sound = EmittedInvariants.sound(packet);
        now += 1; // 1 ms per packet: the ICMP rate limiters see time pass
        XlatStat exit = siit.translate(MemorySegment.ofArray(buffer), Siit.HEADROOM, packet.length, now,
                (side, seg, off, len) -> out.add(new TestPackets.Emitted(side,
                        seg.asSlice(off, len).toArray(ValueLayout.JAVA_BYTE))), offload);
        long[] after = snapshot(siit);
        accountedOnce(exit, before, after, out.size());
        boolean complete = (offload & Offload.PARTIAL_CHECKSUM) == 0;
        for (TestPackets.Emitted e : out) {
            EmittedInvariants.check(e.side(), e.bytes(), settings.pool6(), settings.deny4(),
                    exit.isDrop() || sound && complete);
        }
    }

    static long[] snapshot(Siit siit) {
        long[] c = new long[XlatStat.values().length];
        for (XlatStat s : XlatStat.values()) {
            c[s.ordinal()] = siit.counters().get(s);
        }
        return c;
    }

    /** One exit counted once; emitted packets are the translation(s) or the counted errors. */
    static void accountedOnce(XlatStat exit, long[] before, long[] after, int emitted) {
        if (exit == null || XlatStatTest.ON_TOP.contains(exit)) {
            throw new AssertionError("not an exit: " + exit);
        }
        long exits = 0;
        for (XlatStat s : XlatStat.values()) {
            if (!XlatStatTest.ON_TOP.contains(s)) {
                exits += after[s.ordinal()] - before[s.ordinal()];
            }
        }
        if (exits != 1 || after[exit.ordinal()] - before[exit.ordinal()] != 1) {
            throw new AssertionError(exit + ": " + exits + " exits counted for one packet");
        }
        long errors = after[XlatStat.ICMP4_ERROR_SENT.ordinal()] - before[XlatStat.ICMP4_ERROR_SENT.ordinal()]
                + after[XlatStat.ICMP6_ERROR_SENT.ordinal()] - before[XlatStat.ICMP6_ERROR_SENT.ordinal()];
        long fragments = after[XlatStat.FRAGMENTS_EMITTED_46.ordinal()]
                - before[XlatStat.FRAGMENTS_EMITTED_46.ordinal()];
        long expected = switch (exit) {
            case TRANSLATED_46, TRANSLATED_64 -> 1 + errors;
            case FRAGMENTED_46 -> fragments + errors;
            case HAIRPINNED_66 -> Math.max(1, fragments) + errors;
            default -> errors;
        };
        if (emitted != expected) {
            throw new AssertionError(exit + ": emitted " + emitted + " packets, counted " + expected);
        }
    }
}
