package net.v6mostly.xlat.rfc6146;

import static net.v6mostly.xlat.TestPackets.pool6;
import static net.v6mostly.xlat.TestPackets.v4;
import static net.v6mostly.xlat.TestPackets.v6;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.xlat.Offload;
import net.v6mostly.xlat.PacketSink;
import net.v6mostly.xlat.SiitSettings;
import net.v6mostly.xlat.TestPackets;
import net.v6mostly.xlat.rfc7757.EamTable;

/**
 * DESIGN.md §3.5 on the NAT64 pipeline: once a flow's BIB entry and session exist, translating
 * its packets both ways allocates nothing. Measured with the JVM's per-thread allocation counter
 * over 20 000 packets after warm-up; the bound leaves room for a stray allocation by the JVM
 * itself, not for one per packet.
 */
class Nat64AllocationTest {
    @Test
    void steadyStateTranslationAllocatesNothingPerPacket() {
        var bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        var threads = (com.sun.management.ThreadMXBean) bean;
        int pool = v4("203.0.113.1");
        int server = v4("198.51.100.7");
        Nat64State state = new Nat64State(Nat64Config.defaults(Pool4.of(pool)).withLogging(false, 1), e -> { });
        SiitSettings xlat = SiitSettings.builder().pool6(Rfc6052Prefix.parse("2001:db8:64::/96"))
                .eam(new EamTable(List.of())).ownIpv6(Ipv6Address.parse("2001:db8::1")).icmpErrorsPerSecond(0).build();
        Nat64Pipeline p = new Nat64Pipeline(state, new HeldSynPackets(), xlat, true);
        byte[] out6 = TestPackets.udp6(v6("2001:db8:1::1"), pool6(server), 5000, 53, new byte[100]);
        MemorySegment buf = Arena.ofAuto().allocate(4096);
        int[] port = new int[1];
        PacketSink capture = (side, seg, off, len) -> port[0] = seg.get(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(
                java.nio.ByteOrder.BIG_ENDIAN), off + 20) & 0xFFFF;
        PacketSink none = (side, seg, off, len) -> { };
        MemorySegment.copy(out6, 0, buf, ValueLayout.JAVA_BYTE, 64, out6.length);
        p.translate(buf, 64, out6.length, 1_000, capture, Offload.NONE);
        byte[] in4 = TestPackets.udp4(server, pool, 53, port[0], new byte[100]);
        for (int i = 0; i < 20_000; i++) { // warm-up: JIT
            roundTrip(p, buf, out6, in4, none, 2_000 + i);
        }
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().threadId());
        for (int i = 0; i < 10_000; i++) {
            roundTrip(p, buf, out6, in4, none, 30_000 + i);
        }
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().threadId()) - before;
        System.out.println("[alloc] 20000 NAT64 packets (10000 UDP round trips): " + allocated + " bytes allocated");
        assertThat(p.exits().get(Nat64Exit.TRANSLATED_46)).isEqualTo(30_000);
        assertThat(allocated).as("bytes allocated by 20 000 packets").isLessThan(2_000);
    }

    private static void roundTrip(Nat64Pipeline p, MemorySegment buf, byte[] out6, byte[] in4, PacketSink sink,
            long now) {
        MemorySegment.copy(out6, 0, buf, ValueLayout.JAVA_BYTE, 64, out6.length);
        p.translate(buf, 64, out6.length, now, sink, Offload.NONE);
        MemorySegment.copy(in4, 0, buf, ValueLayout.JAVA_BYTE, 64, in4.length);
        p.translate(buf, 64, in4.length, now, sink, Offload.NONE);
    }
}
