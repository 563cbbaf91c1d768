package net.v6mostly.datapath;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.junit.jupiter.api.Test;

import net.v6mostly.wire.Bytes;
import net.v6mostly.wire.Checksum;
import net.v6mostly.wire.VirtioNetHeader;

/**
 * UDP datagrams joined into one GSO super-packet: the header the kernel's UDP segmentation
 * (__udp_gso_segment) expects, and segments that, cut at gso_size and re-checksummed as the kernel
 * does, are the original datagrams byte for byte.
 */
class UdpCoalescerTest {
    static final int SRC = 0xC0000201; // 192.0.2.1
    static final int DST = 0xC6336402; // 198.51.100.2

    /** Writes an IPv4/UDP datagram with a valid checksum at {@code off}; returns its length. */
    static int datagram(MemorySegment s, long off, int id, int payload, byte fill) {
        int total = 28 + payload;
        net.v6mostly.wire.Ipv4Header.write(s, off, 0, total, id, 0, 63, 17, SRC, DST);
        Bytes.put32(s, off + 20, 40000 << 16 | 5201);
        Bytes.put32(s, off + 24, (8 + payload) << 16);
        for (int i = 0; i < payload; i++) {
            Bytes.put8(s, off + 28 + i, fill + i);
        }
        long seed = Checksum.pseudo4(SRC, DST, 17, 8 + payload);
        Bytes.put16(s, off + 26, Checksum.finish(Checksum.add(seed, s, off + 20, 8 + payload)));
        return total;
    }

    @Test
    void joinsARunAndTheKernelsSegmentsAreTheOriginalDatagrams() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = arena.allocate(4096);
            long[] offsets = {100, 300, 500};
            int[] lengths = {datagram(in, 100, 1, 64, (byte) 1), datagram(in, 300, 2, 64, (byte) 2), datagram(in, 500, 3, 30, (byte) 3)};
            for (int i = 0; i < 3; i++) {
                assertThat(UdpCoalescer.joinableHeader(in, offsets[i], lengths[i], false)).isEqualTo(20);
            }
            assertThat(UdpCoalescer.sameFlow(in, 100, 300, 20)).isTrue();
            MemorySegment out = arena.allocate(70_000);
            int length = UdpCoalescer.build(in, offsets, lengths, 0, 3, 20, 64, out, 128);
            assertThat(length).isEqualTo(20 + 8 + 64 + 64 + 30);
            long h = 128 - VirtioNetHeader.LENGTH;
            assertThat(VirtioNetHeader.flags(out, h)).isEqualTo(VirtioNetHeader.F_NEEDS_CSUM);
            assertThat(VirtioNetHeader.gsoType(out, h)).isEqualTo(VirtioNetHeader.GSO_UDP_L4);
            assertThat(VirtioNetHeader.gsoSize(out, h)).isEqualTo(64);
            assertThat(VirtioNetHeader.hdrLen(out, h)).isEqualTo(28);
            assertThat(VirtioNetHeader.csumStart(out, h)).isEqualTo(20);
            assertThat(VirtioNetHeader.csumOffset(out, h)).isEqualTo(6);
            assertThat(Bytes.u16(out, 128 + 2)).as("IPv4 Total Length").isEqualTo(length);
            assertThat(Checksum.verifies(0, out, 128, 20)).as("IPv4 header checksum").isTrue();
            assertThat(Bytes.u16(out, 128 + 24)).as("UDP length").isEqualTo(length - 20);
            int udpLength = length - 20;
            assertThat(Bytes.u16(out, 128 + 26)).as("partial seed over the super-packet's pseudo-header")
                    .isEqualTo(Checksum.fold(Checksum.pseudo4(SRC, DST, 17, udpLength)));
            // segment as __udp_gso_segment does: each gets len 8+mss and a full checksum
            int[] sizes = {64, 64, 30};
            long payloadAt = 128 + 28;
            for (int i = 0; i < 3; i++) {
                int segLen = 8 + sizes[i];
                MemorySegment seg = arena.allocate(segLen);
                Bytes.copy(out, 128 + 20, seg, 0, 8);
                Bytes.copy(out, payloadAt, seg, 8, sizes[i]);
                payloadAt += sizes[i];
                Bytes.put16(seg, 4, segLen);
                Bytes.put16(seg, 6, 0);
                long seed = Checksum.pseudo4(SRC, DST, 17, segLen);
                Bytes.put16(seg, 6, Checksum.finish(Checksum.add(seed, seg, 0, segLen)));
                assertThat(seg.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE))
                        .isEqualTo(in.asSlice(offsets[i] + 20, lengths[i] - 20).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
            }
        }
    }

    @Test
    void refusesWhatCannotBeASegment() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = arena.allocate(4096);
            int len = datagram(in, 100, 1, 64, (byte) 1);
            Bytes.put8(in, 100 + 30, 0x55); // corrupt the payload: the checksum no longer verifies
            assertThat(UdpCoalescer.joinableHeader(in, 100, len, false)).as("corrupt datagram").isZero();
            assertThat(UdpCoalescer.joinableHeader(in, 100, len, true)).as("partial: the kernel sums it anyway").isEqualTo(20);
            len = datagram(in, 300, 2, 64, (byte) 1);
            Bytes.put16(in, 300 + 6, 0x2000); // More Fragments
            assertThat(UdpCoalescer.joinableHeader(in, 300, len, true)).as("fragment").isZero();
            len = datagram(in, 500, 3, 64, (byte) 1);
            Bytes.put16(in, 500 + 26, 0); // IPv4 UDP without checksum
            assertThat(UdpCoalescer.joinableHeader(in, 500, len, false)).as("zero checksum").isZero();
            len = datagram(in, 1100, 6, 0, (byte) 1);
            assertThat(UdpCoalescer.joinableHeader(in, 1100, len, false))
                    .as("no payload: gso_size 0, which the kernel refuses (a fuzzing finding)").isZero();
            datagram(in, 700, 4, 64, (byte) 1);
            datagram(in, 900, 5, 64, (byte) 1);
            Bytes.put32(in, 900 + 20, 40001 << 16 | 5201); // another source port
            assertThat(UdpCoalescer.sameFlow(in, 700, 900, 20)).isFalse();
        }
    }
}
