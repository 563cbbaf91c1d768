package net.v6mostly.xlat.rfc6146;

import static net.v6mostly.xlat.TestPackets.ICMP;
import static net.v6mostly.xlat.TestPackets.UDP;
import static net.v6mostly.xlat.TestPackets.i32;
import static net.v6mostly.xlat.TestPackets.l4ChecksumValid;
import static net.v6mostly.xlat.TestPackets.pool6;
import static net.v6mostly.xlat.TestPackets.u16;
import static net.v6mostly.xlat.TestPackets.v4;
import static net.v6mostly.xlat.TestPackets.v6;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.xlat.Offload;
import net.v6mostly.xlat.Side;
import net.v6mostly.xlat.SiitSettings;
import net.v6mostly.xlat.TestPackets;
import net.v6mostly.xlat.rfc7757.EamTable;

/**
 * The NAT64 pipeline (RFC 6146 §3.4–§3.8) byte for byte on dynamic state: every checksum of what
 * leaves is checked with the test's own RFC 1071 code. Addresses: documentation ranges, NAT64
 * prefix 2001:db8:64::/96, pool4 203.0.113.1.
 */
class Nat64PipelineTest {
    static final byte[] HOST_A = v6("2001:db8:1::1");
    static final byte[] HOST_B = v6("2001:db8:1::2");
    static final int POOL = v4("203.0.113.1");
    static final int SERVER = v4("198.51.100.7");
    static final long NOW = 1_780_000_000_000L;

    record Out(Nat64Exit exit, List<TestPackets.Emitted> emitted) {
        byte[] only(Side side) {
            List<byte[]> l = emitted.stream().filter(e -> e.side() == side).map(TestPackets.Emitted::bytes).toList();
            assertThat(l).as("emitted on %s (%s)", side, exit).hasSize(1);
            return l.getFirst();
        }
    }

    /** One NAT64: shared state and a pipeline over it. */
    static final class Nat {
        final Nat64State state;
        final Nat64Pipeline pipe;

        Nat(Pool4 pool, int mtu4, boolean wkp) {
            state = new Nat64State(Nat64Config.defaults(pool).withLogging(false, 7), e -> { });
            pipe = new Nat64Pipeline(state, new HeldSynPackets(), settings(mtu4, wkp), true);
        }

        Out run(byte[] packet) {
            return Nat64PipelineTest.run(pipe, packet);
        }
    }

    final Nat nat = new Nat(Pool4.of(POOL), 1500, false);
    final Nat64State state = nat.state;
    final Nat64Pipeline pipe = nat.pipe;

    static SiitSettings settings(int mtu4, boolean wkp) {
        return SiitSettings.builder()
                .pool6(Rfc6052Prefix.parse(wkp ? "64:ff9b::/96" : "2001:db8:64::/96"))
                .eam(new EamTable(List.of()))
                .ownIpv4(v4("198.51.100.1"))
                .ownIpv6(Ipv6Address.parse("2001:db8::1"))
                .mtu4(mtu4)
                .icmpErrorsPerSecond(0)
                .build();
    }

    Out run(byte[] packet) {
        return run(pipe, packet);
    }

    static Out run(Nat64Pipeline p, byte[] packet) {
        return run(p, packet, NOW);
    }

    static Out run(Nat64Pipeline p, byte[] packet, long now) {
        byte[] buffer = new byte[Nat64Pipeline.HEADROOM + packet.length];
        System.arraycopy(packet, 0, buffer, Nat64Pipeline.HEADROOM, packet.length);
        List<TestPackets.Emitted> out = new ArrayList<>();
        Nat64Exit e = p.translate(MemorySegment.ofArray(buffer), Nat64Pipeline.HEADROOM, packet.length, now,
                (side, seg, off, len) -> out.add(new TestPackets.Emitted(side,
                        seg.asSlice(off, len).toArray(ValueLayout.JAVA_BYTE))), Offload.NONE);
        return new Out(e, out);
    }

    @Test
    void udpOutAndBackThroughADynamicBibEntry() {
        Out out = run(TestPackets.udp6(HOST_A, pool6(SERVER), 5000, 53, new byte[] {1, 2, 3}));
        assertThat(out.exit()).isEqualTo(Nat64Exit.TRANSLATED_64);
        byte[] v4 = out.only(Side.V4);
        assertThat(i32(v4, 12)).as("source is T").isEqualTo(POOL);
        assertThat(i32(v4, 16)).as("destination is Y").isEqualTo(SERVER);
        int t = u16(v4, 20);
        assertThat(t).as("§3.5.1.1: a port from 1024 up for a source port from 1024 up").isBetween(1024, 65535);
        assertThat(v4[8]).as("TTL").isEqualTo((byte) 63);
        assertThat(l4ChecksumValid(v4)).isTrue();

        Out back = run(TestPackets.udp4(SERVER, POOL, 53, t, new byte[] {9}));
        assertThat(back.exit()).isEqualTo(Nat64Exit.TRANSLATED_46);
        byte[] v6 = back.only(Side.V6);
        assertThat(Arrays.copyOfRange(v6, 8, 24)).as("source: Y in the NAT64 prefix").isEqualTo(pool6(SERVER));
        assertThat(Arrays.copyOfRange(v6, 24, 40)).as("destination: X'").isEqualTo(HOST_A);
        assertThat(u16(v6, 42)).as("destination port: x").isEqualTo(5000);
        assertThat(l4ChecksumValid(v6)).isTrue();
    }

    @Test
    void echoIdentifierIsThePort() {
        Out out = run(TestPackets.echo6(HOST_A, pool6(SERVER), 0x1234, 1, new byte[8]));
        byte[] v4 = out.only(Side.V4);
        assertThat(v4[20]).as("Echo Request").isEqualTo((byte) 8);
        int t = u16(v4, 24);
        assertThat(l4ChecksumValid(v4)).isTrue();
        Out back = run(new TestPackets.V4(ICMP, SERVER, POOL).build(
                TestPackets.seal4(SERVER, POOL, ICMP, TestPackets.icmp(0, 0, t << 16 | 1, new byte[8]))));
        byte[] v6 = back.only(Side.V6);
        assertThat(v6[40]).as("Echo Reply").isEqualTo((byte) 129);
        assertThat(u16(v6, 44)).as("Identifier back to the host's").isEqualTo(0x1234);
        assertThat(l4ChecksumValid(v6)).isTrue();
    }

    @Test
    void poolExhaustionAnswersAddressUnreachableAndIsCounted() {
        var r = new Pool4.PortRange(2000, 2000);
        Nat one = new Nat(new Pool4(new int[] {POOL}, r, r, r), 1500, false);
        assertThat(one.run(TestPackets.udp6(HOST_A, pool6(SERVER), 5000, 53, new byte[1])).exit())
                .isEqualTo(Nat64Exit.TRANSLATED_64);
        Out refused = one.run(TestPackets.udp6(HOST_B, pool6(SERVER), 5000, 53, new byte[1]));
        assertThat(refused.exit()).isEqualTo(Nat64Exit.STATE_REFUSED_64);
        byte[] icmp = refused.only(Side.V6);
        assertThat(icmp[40]).as("ICMPv6 Destination Unreachable").isEqualTo((byte) 1);
        assertThat(icmp[41]).as("code 3, Address Unreachable (RFC 6146 §3.5.1)").isEqualTo((byte) 3);
        assertThat(Arrays.copyOfRange(icmp, 24, 40)).isEqualTo(HOST_B);
        assertThat(one.pipe.stateCounters().get(Nat64Stat.POOL4_EXHAUSTED_64)).isEqualTo(1);
    }

    @Test
    void policyDropsAreNamed() {
        assertThat(run(TestPackets.udp6(pool6(SERVER), pool6(SERVER), 1, 2, new byte[1])).exit())
                .isEqualTo(Nat64Exit.SOURCE6_IN_POOL6);
        assertThat(run(TestPackets.udp6(HOST_A, HOST_B, 1, 2, new byte[1])).exit())
                .isEqualTo(Nat64Exit.DESTINATION6_NOT_POOL6);
        assertThat(run(TestPackets.udp4(SERVER, v4("203.0.113.99"), 1, 2, new byte[1])).exit())
                .isEqualTo(Nat64Exit.DESTINATION4_NOT_POOL4);
        Out noBib = run(TestPackets.udp4(SERVER, POOL, 53, 40000, new byte[1]));
        assertThat(noBib.exit()).isEqualTo(Nat64Exit.STATE_REFUSED_46);
        byte[] icmp = noBib.only(Side.V4);
        assertThat(icmp[20]).isEqualTo((byte) 3);
        assertThat(icmp[21]).as("Port Unreachable").isEqualTo((byte) 3);
        assertThat(pipe.exits().get(Nat64Exit.SOURCE6_IN_POOL6)).isEqualTo(1);
    }

    @Test
    void nonGlobalBehindTheWellKnownPrefixIsRefused() {
        Nat wkp = new Nat(Pool4.of(POOL), 1500, true);
        byte[] dst = v6("64:ff9b::a00:1"); // 10.0.0.1
        Out out = wkp.run(TestPackets.udp6(HOST_A, dst, 5000, 53, new byte[1]));
        assertThat(out.exit()).isEqualTo(Nat64Exit.WKP_NON_GLOBAL_64);
        byte[] icmp = out.only(Side.V6);
        assertThat(icmp[40]).isEqualTo((byte) 1);
        assertThat(icmp[41]).as("Communication Administratively Prohibited").isEqualTo((byte) 1);
        assertThat(wkp.state.bibCount(Protocol.UDP)).as("no state was created").isZero();
    }

    @Test
    void orphanFragmentsAreHeldWhileThereIsRoomThenDroppedAndCounted() {
        for (int i = 0; i <= HeldFragments.ENTRIES; i++) {
            byte[] frag = new byte[16];
            frag[0] = (byte) UDP;
            TestPackets.put16(frag, 2, 185 << 3); // offset 1480, M clear
            TestPackets.put32(frag, 4, 1000 + i);
            Out out = run(TestPackets.ipv6(0, TestPackets.FRAGMENT, 64, HOST_A, pool6(SERVER), frag));
            assertThat(out.exit()).as("fragment %d", i).isEqualTo(i < HeldFragments.ENTRIES
                    ? Nat64Exit.FRAGMENT_HELD_64 : Nat64Exit.FRAGMENT_NOT_FIRST_64);
            assertThat(out.emitted()).isEmpty();
        }
        byte[] v4 = TestPackets.udp4(SERVER, POOL, 1, 2, new byte[16]);
        TestPackets.put16(v4, 6, 100);
        assertThat(run(TestPackets.reseal4(v4)).exit()).as("the store is full").isEqualTo(Nat64Exit.FRAGMENT_NOT_FIRST_46);
        // once their hold is over, the room is free again and the old ones are counted as expired
        long later = NOW + HeldFragments.HOLD_MILLIS;
        assertThat(run(pipe, TestPackets.reseal4(v4), later).exit()).isEqualTo(Nat64Exit.FRAGMENT_HELD_46);
        assertThat(state.heldFragments().expire(later)).isEqualTo(HeldFragments.ENTRIES);
        assertThat(state.heldFragments().size()).isOne();
    }

    /** A 2008-byte UDP datagram from HOST_A to SERVER in two IPv6 fragments (RFC 8200 §4.5). */
    private static byte[][] twoFragments6(int id) {
        byte[] udp = TestPackets.seal6(HOST_A, pool6(SERVER), UDP, TestPackets.udp(5000, 53, filler(2000)));
        byte[][] parts = {Arrays.copyOfRange(udp, 0, 1232), Arrays.copyOfRange(udp, 1232, udp.length)};
        byte[][] out = new byte[2][];
        for (int i = 0; i < 2; i++) {
            byte[] frag = new byte[8 + parts[i].length];
            frag[0] = (byte) UDP;
            TestPackets.put16(frag, 2, (i * 1232 / 8) << 3 | (i == 0 ? 1 : 0));
            TestPackets.put32(frag, 4, id);
            System.arraycopy(parts[i], 0, frag, 8, parts[i].length);
            out[i] = TestPackets.ipv6(0, TestPackets.FRAGMENT, 64, HOST_A, pool6(SERVER), frag);
        }
        return out;
    }

    @Test
    void aFragmentThatOvertookItsFirstFragmentFollowsItBothWaysRfc6146Section34() {
        // 6→4: the second fragment arrives first and waits; the first one brings it along, in order
        byte[][] f6 = twoFragments6(0x0BADF00D);
        Out early = run(f6[1]);
        assertThat(early.exit()).isEqualTo(Nat64Exit.FRAGMENT_HELD_64);
        assertThat(early.emitted()).isEmpty();
        Out first = run(f6[0]);
        assertThat(first.exit()).isEqualTo(Nat64Exit.TRANSLATED_64);
        List<byte[]> v4 = first.emitted().stream().filter(e -> e.side() == Side.V4).map(TestPackets.Emitted::bytes)
                .toList();
        assertThat(v4).hasSize(2);
        assertThat(u16(v4.get(0), 6) & 0x1FFF).as("the first fragment leaves first").isZero();
        assertThat(u16(v4.get(1), 6) & 0x1FFF).isEqualTo(154);
        assertThat(i32(v4.get(1), 12)).as("the held fragment leaves from T too").isEqualTo(POOL);
        byte[] whole = new byte[20 + 8 + 2000];
        System.arraycopy(v4.get(0), 0, whole, 0, v4.get(0).length);
        System.arraycopy(v4.get(1), 20, whole, v4.get(0).length, v4.get(1).length - 20);
        TestPackets.put16(whole, 2, whole.length);
        TestPackets.put16(whole, 6, 0);
        assertThat(l4ChecksumValid(TestPackets.reseal4(whole))).as("reassembled UDP checksum over T:t").isTrue();
        assertThat(pipe.exits().get(Nat64Exit.FRAGMENT_FOLLOWED_64)).isOne();
        assertThat(state.heldFragments().size()).isZero();

        // 4→6: the answer's second IPv4 fragment arrives first
        int t = u16(whole, 20);
        byte[] back = TestPackets.seal4(SERVER, POOL, UDP, TestPackets.udp(53, t, filler(2000)));
        byte[] p0 = new TestPackets.V4(UDP, SERVER, POOL).id(0x4321).mf(true).offset8(0)
                .build(Arrays.copyOfRange(back, 0, 1200));
        byte[] p1 = new TestPackets.V4(UDP, SERVER, POOL).id(0x4321).offset8(150)
                .build(Arrays.copyOfRange(back, 1200, back.length));
        assertThat(run(p1).exit()).isEqualTo(Nat64Exit.FRAGMENT_HELD_46);
        Out answer = run(p0);
        assertThat(answer.exit()).isEqualTo(Nat64Exit.TRANSLATED_46);
        byte[] reassembled = TestPackets.reassemble6(answer.emitted().stream().map(TestPackets.Emitted::bytes).toList());
        assertThat(Arrays.copyOfRange(reassembled, 24, 40)).isEqualTo(HOST_A);
        assertThat(u16(reassembled, 42)).isEqualTo(5000);
        assertThat(l4ChecksumValid(reassembled)).as("reassembled UDP checksum over X':x").isTrue();
        assertThat(pipe.exits().get(Nat64Exit.FRAGMENT_FOLLOWED_46)).isOne();
    }

    @Test
    void aHeldFragmentWhoseFirstFragmentComesTooLateIsDroppedAndCounted() {
        byte[][] f6 = twoFragments6(0x0BADBEEF);
        assertThat(run(f6[1]).exit()).isEqualTo(Nat64Exit.FRAGMENT_HELD_64);
        Out first = run(pipe, f6[0], NOW + HeldFragments.HOLD_MILLIS);
        assertThat(first.exit()).isEqualTo(Nat64Exit.TRANSLATED_64);
        assertThat(first.emitted()).as("only the first fragment").hasSize(1);
        assertThat(pipe.exits().get(Nat64Exit.FRAGMENT_HOLD_EXPIRED)).isOne();
        assertThat(pipe.exits().get(Nat64Exit.FRAGMENT_FOLLOWED_64)).isZero();
    }

    @Test
    void fragmentsFollowTheirFirstFragmentBothWays() {
        // 6→4: a 2008-byte UDP datagram in two IPv6 fragments (RFC 8200 §4.5)
        byte[] udp = TestPackets.seal6(HOST_A, pool6(SERVER), UDP, TestPackets.udp(5000, 53, filler(2000)));
        byte[][] parts = {Arrays.copyOfRange(udp, 0, 1232), Arrays.copyOfRange(udp, 1232, udp.length)};
        List<byte[]> v4 = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            byte[] frag = new byte[8 + parts[i].length];
            frag[0] = (byte) UDP;
            TestPackets.put16(frag, 2, (i * 1232 / 8) << 3 | (i == 0 ? 1 : 0));
            TestPackets.put32(frag, 4, 0x0BADCAFE);
            System.arraycopy(parts[i], 0, frag, 8, parts[i].length);
            Out out = run(TestPackets.ipv6(0, TestPackets.FRAGMENT, 64, HOST_A, pool6(SERVER), frag));
            assertThat(out.exit()).isEqualTo(i == 0 ? Nat64Exit.TRANSLATED_64 : Nat64Exit.FRAGMENT_FOLLOWED_64);
            v4.add(out.only(Side.V4));
        }
        assertThat(i32(v4.get(1), 12)).as("the later fragment leaves from T too").isEqualTo(POOL);
        assertThat(u16(v4.get(0), 4)).as("IPv4 ID = low 16 bits of the Fragment ID (RFC 7915 §5.1.1)")
                .isEqualTo(0xCAFE).isEqualTo(u16(v4.get(1), 4));
        assertThat(u16(v4.get(1), 6) & 0x1FFF).isEqualTo(154);
        byte[] whole = new byte[20 + udp.length];
        System.arraycopy(v4.get(0), 0, whole, 0, v4.get(0).length);
        System.arraycopy(v4.get(1), 20, whole, v4.get(0).length, v4.get(1).length - 20);
        TestPackets.put16(whole, 2, whole.length);
        TestPackets.put16(whole, 6, 0);
        int t = u16(whole, 20);
        assertThat(l4ChecksumValid(TestPackets.reseal4(whole))).as("reassembled UDP checksum over T:t").isTrue();

        // 4→6: the answer in two IPv4 fragments to T:t goes to X':x
        byte[] back = TestPackets.seal4(SERVER, POOL, UDP, TestPackets.udp(53, t, filler(2000)));
        List<byte[]> v6 = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            byte[] part = Arrays.copyOfRange(back, i * 1200, i == 0 ? 1200 : back.length);
            byte[] p = new TestPackets.V4(UDP, SERVER, POOL).id(0x4321).mf(i == 0).offset8(i * 150).build(part);
            Out out = run(p);
            assertThat(out.exit()).isEqualTo(i == 0 ? Nat64Exit.TRANSLATED_46 : Nat64Exit.FRAGMENT_FOLLOWED_46);
            v6.addAll(out.emitted().stream().map(TestPackets.Emitted::bytes).toList());
        }
        byte[] reassembled = TestPackets.reassemble6(v6);
        assertThat(Arrays.copyOfRange(reassembled, 24, 40)).isEqualTo(HOST_A);
        assertThat(u16(reassembled, 42)).isEqualTo(5000);
        assertThat(l4ChecksumValid(reassembled)).as("reassembled UDP checksum over X':x").isTrue();

        // a later fragment of a datagram whose first fragment was never seen waits for it
        byte[] stray = new TestPackets.V4(UDP, SERVER, POOL).id(0x7777).offset8(150).build(new byte[16]);
        assertThat(run(stray).exit()).isEqualTo(Nat64Exit.FRAGMENT_HELD_46);
    }

    private static byte[] filler(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return b;
    }

    @Test
    void icmpErrorIsTranslatedWithTheSessionsAddressesAndPorts() {
        byte[] v4 = run(TestPackets.udp6(HOST_A, pool6(SERVER), 5000, 53, new byte[4])).only(Side.V4);
        int t = u16(v4, 20);
        byte[] error = TestPackets.icmp4Error(SERVER, POOL, 3, 3, 0, v4);
        Out out = run(error);
        assertThat(out.exit()).isEqualTo(Nat64Exit.TRANSLATED_46);
        byte[] v6 = out.only(Side.V6);
        assertThat(v6[40]).isEqualTo((byte) 1);
        assertThat(v6[41]).as("Port Unreachable").isEqualTo((byte) 4);
        assertThat(Arrays.copyOfRange(v6, 24, 40)).as("outer destination X'").isEqualTo(HOST_A);
        assertThat(Arrays.copyOfRange(v6, 48 + 8, 48 + 24)).as("inner source X'").isEqualTo(HOST_A);
        assertThat(Arrays.copyOfRange(v6, 48 + 24, 48 + 40)).as("inner destination Y").isEqualTo(pool6(SERVER));
        assertThat(u16(v6, 88)).as("inner source port x, not t=" + t).isEqualTo(5000);
        assertThat(l4ChecksumValid(v6)).as("ICMPv6 checksum").isTrue();
        byte[] inner = Arrays.copyOfRange(v6, 48, v6.length);
        assertThat(l4ChecksumValid(inner)).as("embedded UDP checksum").isTrue();

        // the other way: an ICMPv6 error from a router about a packet the session carried 4→6
        byte[] in6 = run(TestPackets.udp4(SERVER, POOL, 53, t, new byte[4])).only(Side.V6);
        byte[] router = v6("2001:db8:ffff::1");
        Out err64 = run(TestPackets.icmp6Error(router, pool6(SERVER), 1, 0, 0, in6));
        byte[] e4 = err64.only(Side.V4);
        assertThat(i32(e4, 12)).as("outer source T: the tuple, whoever sent it").isEqualTo(POOL);
        assertThat(i32(e4, 28 + 16)).as("inner destination T").isEqualTo(POOL);
        assertThat(u16(e4, 48 + 2)).as("inner destination port t").isEqualTo(t);
        assertThat(l4ChecksumValid(e4)).isTrue();
    }

    @Test
    void packetTooBigQuotesWhatTheHostSent() {
        Nat small = new Nat(Pool4.of(POOL), 1000, false);
        byte[] big = TestPackets.udp6(HOST_A, pool6(SERVER), 5000, 53, new byte[1100]);
        Out out = small.run(big);
        assertThat(out.exit()).isEqualTo(Nat64Exit.XLAT_REFUSED_64);
        byte[] ptb = out.only(Side.V6);
        assertThat(ptb[40]).isEqualTo((byte) 2);
        assertThat(u16(ptb, 48 + 40)).as("quoted source port is x").isEqualTo(5000);
        assertThat(l4ChecksumValid(ptb)).isTrue();
    }

    @Test
    void hairpinningReachesAnotherIpv6HostThroughPool4() {
        byte[] b = HOST_B;
        state.addStatic(Protocol.UDP, Ipv6Address.parse("2001:db8:1::2").hi(), Ipv6Address.parse("2001:db8:1::2").lo(),
                7000, POOL, 7000);
        Out out = run(TestPackets.udp6(HOST_A, pool6(POOL), 5000, 7000, new byte[5]));
        assertThat(out.exit()).isEqualTo(Nat64Exit.HAIRPINNED_66);
        byte[] v6 = out.only(Side.V6);
        assertThat(Arrays.copyOfRange(v6, 8, 24)).as("source: T in the prefix").isEqualTo(pool6(POOL));
        assertThat(Arrays.copyOfRange(v6, 24, 40)).isEqualTo(b);
        assertThat(u16(v6, 42)).isEqualTo(7000);
        assertThat(v6[7]).as("hop limit decremented once").isEqualTo((byte) 63);
        assertThat(l4ChecksumValid(v6)).isTrue();
        assertThat(v6[6]).isEqualTo((byte) UDP);
    }
}
