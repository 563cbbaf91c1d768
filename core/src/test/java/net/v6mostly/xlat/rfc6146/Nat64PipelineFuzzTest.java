package net.v6mostly.xlat.rfc6146;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv4PrefixSet;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.addr.Ipv6PrefixSet;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.xlat.EmittedInvariants;
import net.v6mostly.xlat.Offload;
import net.v6mostly.xlat.SiitSettings;
import net.v6mostly.xlat.TestPackets;
import net.v6mostly.xlat.XlatStat;
import net.v6mostly.xlat.rfc7757.EamTable;

/**
 * Jazzer target: the whole stateful NAT64 pipeline (RFC 6146 §3.4–§3.8) with its state. One
 * long-lived {@link Nat64Pipeline} over one {@link Nat64State} takes every input; an input is a
 * sequence of records {@code [control][length:2][packet]}, the control byte giving the offload
 * flags (bits 0–1) and how far the clock moves before the packet (bits 2–7: step² × 100 ms, so
 * sessions, held SYNs and held fragments expire), and the expiry sweep runs between packets.
 * pool4 is two addresses with small port ranges and low per-host limits so exhaustion and
 * refusals are reached; a static BIB entry lets IPv4 packets in.
 *
 * <p>Invariants: nothing escapes but an exit; the exit is counted, and the only other exits a
 * packet may cause are those of held fragments it releases (in = out + counted drops); a packet
 * that leaves through a drop emits only ICMP errors the translator counted; every emitted
 * packet is well formed, never toward 0/8, 127/8, 224/4, 240/4 or deny4, never from a
 * pool6-embedded forbidden address, and its transport checksum verifies when the NAT64
 * generated it or the input was sound with complete checksums; the state stays within its
 * limits.
 */
class Nat64PipelineFuzzTest {
    static final Rfc6052Prefix POOL6 = Rfc6052Prefix.parse("2001:db8:64::/96");
    static final int POOL4_A = Ipv4.parse("203.0.113.1");
    static final int POOL4_B = Ipv4.parse("203.0.113.2");
    static final Ipv4PrefixSet DENY4 = new Ipv4PrefixSet(List.of(Ipv4Prefix.parse("198.51.100.128/25")));
    static final Set<Nat64Exit> ON_TOP = EnumSet.of(Nat64Exit.SYN_HELD, Nat64Exit.SYN_HOLD_EXPIRED,
            Nat64Exit.FRAGMENT_HOLD_EXPIRED);
    static final Set<Nat64Exit> SUCCESS = EnumSet.of(Nat64Exit.TRANSLATED_64, Nat64Exit.TRANSLATED_46,
            Nat64Exit.HAIRPINNED_66, Nat64Exit.FRAGMENT_FOLLOWED_64, Nat64Exit.FRAGMENT_FOLLOWED_46);
    static final int MAX_PORTS = 64;
    static final int MAX_SESSIONS = 128;

    static final SiitSettings SETTINGS = SiitSettings.builder().pool6(POOL6).eam(EamTable.EMPTY)
            .ownIpv4(Ipv4.parse("198.51.100.1")).ownIpv6(Ipv6Address.parse("2001:db8::1")).mtu4(1400)
            .deny4(DENY4).allow6Sources(new Ipv6PrefixSet(List.of(Ipv6Prefix.parse("2001:db8:1::/48"))))
            .icmpErrorsPerSecond(0).build();
    static final Nat64State STATE = state();
    static final Nat64Pipeline PIPE = new Nat64Pipeline(STATE, new HeldSynPackets(), SETTINGS, true);
    static final SessionSweeper SWEEPER = new SessionSweeper(STATE);
    private static long now = 1_780_000_000_000L;

    static Nat64State state() {
        Pool4 pool = new Pool4(new int[] {POOL4_A, POOL4_B}, new Pool4.PortRange(1024, 1279),
                new Pool4.PortRange(1024, 1279), new Pool4.PortRange(0, 255));
        Nat64Config config = Nat64Config.defaults(pool).withLogging(false, 7).withHostLimits(MAX_PORTS, MAX_SESSIONS)
                .withIncomingSyn(false, 16);
        Nat64State s = new Nat64State(config, e -> { });
        Ipv6Address server = Ipv6Address.parse("2001:db8:1::80");
        s.addStatic(Protocol.TCP, server.hi(), server.lo(), 80, POOL4_A, 80);
        s.addStatic(Protocol.UDP, server.hi(), server.lo(), 53, POOL4_A, 53);
        return s;
    }

    @FuzzTest(maxDuration = "10s")
    void pipelineWithState(byte[] data) {
        int at = 0;
        for (int records = 0; at + 3 <= data.length && records < 16; records++) {
            int control = data[at] & 0xFF;
            int length = Math.min((data[at + 1] & 0xFF) << 8 | data[at + 2] & 0xFF, data.length - at - 3);
            byte[] packet = java.util.Arrays.copyOfRange(data, at + 3, at + 3 + length);
            at += 3 + length;
            int step = control >>> 2;
            now += (long) step * step * 100;
            one(packet, control & 3);
            sweep();
        }
    }

    private static void one(byte[] packet, int offload) {
        long[] exitsBefore = counts(PIPE.exits(), Nat64Exit.values());
        long[] xlatBefore = counts(PIPE.xlatCounters(), XlatStat.values());
        int heldBefore = STATE.heldFragments().size();
        List<TestPackets.Emitted> out = new ArrayList<>();
        byte[] buffer = new byte[Nat64Pipeline.HEADROOM + packet.length];
        System.arraycopy(packet, 0, buffer, Nat64Pipeline.HEADROOM, packet.length);
        boolean sound = EmittedInvariants.sound(packet);
        Nat64Exit exit = PIPE.translate(MemorySegment.ofArray(buffer), Nat64Pipeline.HEADROOM, packet.length, now,
                (side, seg, off, len) -> out.add(new TestPackets.Emitted(side,
                        seg.asSlice(off, len).toArray(ValueLayout.JAVA_BYTE))), offload);
        long[] exitsAfter = counts(PIPE.exits(), Nat64Exit.values());
        long[] xlatAfter = counts(PIPE.xlatCounters(), XlatStat.values());
        if (exit == null || ON_TOP.contains(exit) || exitsAfter[exit.ordinal()] <= exitsBefore[exit.ordinal()]) {
            throw new AssertionError("exit " + exit + " not counted as an exit");
        }
        long exits = 0;
        long successes = 0;
        for (Nat64Exit e : Nat64Exit.values()) {
            long d = exitsAfter[e.ordinal()] - exitsBefore[e.ordinal()];
            exits += ON_TOP.contains(e) ? 0 : d;
            successes += SUCCESS.contains(e) ? d : 0;
        }
        long held = exitsAfter[Nat64Exit.FRAGMENT_HELD_64.ordinal()] - exitsBefore[Nat64Exit.FRAGMENT_HELD_64.ordinal()]
                + exitsAfter[Nat64Exit.FRAGMENT_HELD_46.ordinal()] - exitsBefore[Nat64Exit.FRAGMENT_HELD_46.ordinal()];
        long left = heldBefore + held - STATE.heldFragments().size(); // held fragments released or expired now
        if (exits < 1 || exits > 1 + left) {
            throw new AssertionError(exit + ": " + exits + " exits for one packet that released at most " + left);
        }
        onlyRefusalReasons(exit, exitsBefore, exitsAfter, xlatBefore, xlatAfter);
        long errors = xlatAfter[XlatStat.ICMP4_ERROR_SENT.ordinal()] - xlatBefore[XlatStat.ICMP4_ERROR_SENT.ordinal()]
                + xlatAfter[XlatStat.ICMP6_ERROR_SENT.ordinal()] - xlatBefore[XlatStat.ICMP6_ERROR_SENT.ordinal()];
        if (successes == 0 && out.size() != errors) {
            throw new AssertionError(exit + ": emitted " + out.size() + " packets but counted " + errors + " errors");
        }
        boolean complete = (offload & Offload.PARTIAL_CHECKSUM) == 0;
        for (TestPackets.Emitted e : out) {
            EmittedInvariants.check(e.side(), e.bytes(), POOL6, DENY4, successes == 0 || sound && complete);
            if (e.side() == net.v6mostly.xlat.Side.V4) {
                int src = TestPackets.i32(e.bytes(), 12);
                if (src != POOL4_A && src != POOL4_B && src != SETTINGS.ownIpv4()) {
                    throw new AssertionError("IPv4 source " + Ipv4.format(src) + " is neither pool4 nor the NAT64");
                }
            }
        }
        if (STATE.hostCount() > 0 && STATE.bibCount(Protocol.UDP) > 2 * 256 + 1) {
            throw new AssertionError("more UDP BIB entries than pool4 has ports");
        }
    }

    /**
     * Each packet counted once: the RFC 7915 counters of the NAT64 hold no successes, one refusal
     * reason per XLAT_REFUSED_* exit, and at most one per HAIRPIN_REFUSED (whose IPv4 half the
     * state engine may have refused instead).
     */
    private static final Set<XlatStat> SUCCESS_XLAT = EnumSet.of(XlatStat.TRANSLATED_46, XlatStat.TRANSLATED_64,
            XlatStat.HAIRPINNED_66, XlatStat.FRAGMENTED_46);

    private static void onlyRefusalReasons(Nat64Exit exit, long[] exitsBefore, long[] exitsAfter, long[] xlatBefore,
            long[] xlatAfter) {
        long refusals = exitsAfter[Nat64Exit.XLAT_REFUSED_64.ordinal()] - exitsBefore[Nat64Exit.XLAT_REFUSED_64.ordinal()]
                + exitsAfter[Nat64Exit.XLAT_REFUSED_46.ordinal()] - exitsBefore[Nat64Exit.XLAT_REFUSED_46.ordinal()];
        long hairpinRefusals = exitsAfter[Nat64Exit.HAIRPIN_REFUSED.ordinal()]
                - exitsBefore[Nat64Exit.HAIRPIN_REFUSED.ordinal()];
        long reasons = 0;
        for (XlatStat x : XlatStat.values()) {
            long d = xlatAfter[x.ordinal()] - xlatBefore[x.ordinal()];
            if (SUCCESS_XLAT.contains(x) && d != 0) {
                throw new AssertionError(exit + ": counted again as " + x);
            }
            reasons += x.isDrop() ? d : 0;
        }
        if (reasons < refusals || reasons > refusals + hairpinRefusals) {
            throw new AssertionError(exit + ": " + refusals + " RFC 7915 refusals (" + hairpinRefusals
                    + " hairpin) but " + reasons + " reasons");
        }
    }

    private static void sweep() {
        List<TestPackets.Emitted> out = new ArrayList<>();
        PIPE.sweep(SWEEPER, now, 256, (side, seg, off, len) -> out.add(new TestPackets.Emitted(side,
                seg.asSlice(off, len).toArray(ValueLayout.JAVA_BYTE))));
        for (TestPackets.Emitted e : out) { // Port Unreachable for held SYNs that timed out
            EmittedInvariants.check(e.side(), e.bytes(), POOL6, DENY4, true);
        }
    }

    static <E extends Enum<E> & net.v6mostly.stats.Stat> long[] counts(net.v6mostly.stats.Counters<E> c, E[] all) {
        long[] out = new long[all.length];
        for (E e : all) {
            out[e.ordinal()] = c.get(e);
        }
        return out;
    }
}
