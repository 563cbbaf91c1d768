package net.v6mostly.xlat;

import static net.v6mostly.xlat.TestPackets.TCP;
import static net.v6mostly.xlat.TestPackets.UDP;
import static net.v6mostly.xlat.TestPackets.V4;
import static net.v6mostly.xlat.TestPackets.ipv6;
import static net.v6mostly.xlat.TestPackets.pool6;
import static net.v6mostly.xlat.TestPackets.seal4;
import static net.v6mostly.xlat.TestPackets.seal6;
import static net.v6mostly.xlat.TestPackets.tcp;
import static net.v6mostly.xlat.TestPackets.udp;
import static net.v6mostly.xlat.TestPackets.v4;
import static net.v6mostly.xlat.TestPackets.v6;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.xlat.rfc7757.EamEntry;
import net.v6mostly.xlat.rfc7757.EamTable;

/**
 * DESIGN.md §3.5 on the stateless translator: translating a steady stream both ways (RFC 7915
 * §4 and §5; UDP and TCP; addresses from the RFC 6052 prefix or from an RFC 7757 EAM entry;
 * complete checksums, partial checksums and TCP GSO super-packets as a TUN with offloads hands
 * them over) allocates nothing. Measured with the JVM's per-thread allocation counter over
 * 40 000 packets after warm-up; the bound leaves room for a stray allocation by the JVM itself,
 * not for one per packet.
 */
class SiitAllocationTest {
    private static final int HOST4 = v4("198.51.100.7");
    private static final int NODE4 = v4("192.0.2.1");
    private static final int ROUNDS = 5_000;
    private static final int PACKETS_PER_ROUND = 8;

    /** One input: its bytes, the offload flags it comes with, the exit it must take. */
    private record Input(byte[] packet, int offload, XlatStat exit) {
    }

    @ParameterizedTest(name = "with EAM: {0}")
    @ValueSource(booleans = {false, true})
    void steadyStateTranslationAllocatesNothingPerPacket(boolean eam) {
        var bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        var threads = (com.sun.management.ThreadMXBean) bean;
        // the IPv6 node: an EAM entry 2001:db8:6::/120 <-> 192.0.2.0/24, or 192.0.2.1 in the pool6 prefix
        byte[] node = eam ? v6("2001:db8:6::1") : pool6(NODE4);
        byte[] host = pool6(HOST4);
        SiitSettings settings = SiitSettings.builder().pool6(Rfc6052Prefix.parse("2001:db8:64::/96"))
                .eam(new EamTable(eam ? List.of(EamEntry.parse("2001:db8:6::/120", "192.0.2.0/24")) : List.of()))
                .ownIpv4(v4("203.0.113.254")).ownIpv6(Ipv6Address.parse("2001:db8:ffff::1")).icmpErrorsPerSecond(0)
                .build();
        Siit siit = new Siit(settings);
        List<Input> inputs = List.of(
                new Input(ipv6(0, UDP, 64, node, host, seal6(node, host, UDP, udp(5000, 53, new byte[100]))),
                        Offload.NONE, XlatStat.TRANSLATED_64),
                new Input(new V4(UDP, HOST4, NODE4).df(true).build(seal4(HOST4, NODE4, UDP, udp(53, 5000, new byte[100]))),
                        Offload.NONE, XlatStat.TRANSLATED_46),
                new Input(ipv6(0, TCP, 64, node, host, seal6(node, host, TCP, tcp(40000, 443, 1, 2, 0x18, new byte[500]))),
                        Offload.NONE, XlatStat.TRANSLATED_64),
                new Input(new V4(TCP, HOST4, NODE4).df(true).build(seal4(HOST4, NODE4, TCP,
                        tcp(443, 40000, 2, 1, 0x18, new byte[500]))), Offload.NONE, XlatStat.TRANSLATED_46),
                // as read with NEEDS_CSUM (the checksum field only matters to the kernel)
                new Input(ipv6(0, UDP, 64, node, host, udp(5000, 53, new byte[100])), Offload.PARTIAL_CHECKSUM,
                        XlatStat.TRANSLATED_64),
                new Input(new V4(UDP, HOST4, NODE4).df(true).build(udp(53, 5000, new byte[100])), Offload.PARTIAL_CHECKSUM,
                        XlatStat.TRANSLATED_46),
                // TCP GSO super-packets, larger than any MTU on purpose
                new Input(ipv6(0, TCP, 64, node, host, tcp(40000, 443, 1, 2, 0x18, new byte[6000])),
                        Offload.PARTIAL_CHECKSUM | Offload.SEGMENTATION, XlatStat.TRANSLATED_64),
                new Input(new V4(TCP, HOST4, NODE4).df(true).build(tcp(443, 40000, 2, 1, 0x18, new byte[6000])),
                        Offload.PARTIAL_CHECKSUM | Offload.SEGMENTATION, XlatStat.TRANSLATED_46));
        assertThat(inputs).hasSize(PACKETS_PER_ROUND);
        MemorySegment buf = Arena.ofAuto().allocate(Siit.HEADROOM + 8192);
        int[] emitted = new int[1];
        PacketSink sink = (side, seg, off, len) -> emitted[0]++;
        for (Input in : inputs) { // each takes the exit it must, emitting one packet
            assertThat(translate(siit, buf, in, sink, 0)).as("%s", in).isEqualTo(in.exit());
        }
        for (int i = 0; i < 4_000; i++) { // warm-up: JIT
            round(siit, buf, inputs, sink, i);
        }
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().threadId());
        for (int i = 0; i < ROUNDS; i++) {
            round(siit, buf, inputs, sink, 10_000 + i);
        }
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().threadId()) - before;
        System.out.println("[alloc] " + ROUNDS * PACKETS_PER_ROUND + " SIIT packets (EAM " + eam + "): " + allocated
                + " bytes allocated");
        assertThat(emitted[0]).as("one packet out per packet in").isEqualTo((4_000 + ROUNDS + 1) * PACKETS_PER_ROUND);
        assertThat(siit.counters().drops()).isZero();
        assertThat(allocated).as("bytes allocated by %d packets", ROUNDS * PACKETS_PER_ROUND).isLessThan(2_000);
    }

    private static void round(Siit siit, MemorySegment buf, List<Input> inputs, PacketSink sink, long now) {
        for (int k = 0; k < PACKETS_PER_ROUND; k++) {
            translate(siit, buf, inputs.get(k), sink, now);
        }
    }

    private static XlatStat translate(Siit siit, MemorySegment buf, Input in, PacketSink sink, long now) {
        MemorySegment.copy(in.packet(), 0, buf, ValueLayout.JAVA_BYTE, Siit.HEADROOM, in.packet().length);
        return siit.translate(buf, Siit.HEADROOM, in.packet().length, now, sink, in.offload());
    }
}
