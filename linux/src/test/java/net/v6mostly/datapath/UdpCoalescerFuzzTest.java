package net.v6mostly.datapath;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import net.v6mostly.wire.Bytes;
import net.v6mostly.wire.Checksum;
import net.v6mostly.wire.VirtioNetHeader;

/**
 * Jazzer target: a batch of translated UDP datagrams of one flow, IPv4 or IPv6, with fuzzed
 * payload sizes and fuzzed bytes written anywhere into them, through the worker's joining rules
 * ({@link UdpCoalescer}, as {@code SiitWorker.udpRun} applies them). Invariants: classifying any
 * bytes never throws; a joined run is a well-formed UDP GSO super-packet (valid IPv4 header
 * checksum, IPv4 Total Length or IPv6 Payload Length and UDP Length over the whole, the
 * CHECKSUM_PARTIAL seed, {@code gso_size} the first datagram's payload), and cutting it at
 * {@code gso_size} and checksumming each segment as the kernel's {@code __udp_gso_segment} does
 * gives back each original datagram's UDP header and payload byte for byte — so a corrupt datagram
 * is never re-checksummed into a valid one.
 */
class UdpCoalescerFuzzTest {
    private static final int SLOT = 1024;
    private static final long SRC6_HI = 0x20010db800640000L;

    @FuzzTest(maxDuration = "10s")
    void joinedSegmentsAreTheOriginals(FuzzedDataProvider data) {
        boolean v4 = data.consumeBoolean();
        int count = data.consumeInt(1, 8);
        int size = data.consumeInt(0, 300);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = arena.allocate(SLOT * 9);
            long[] offsets = new long[count];
            int[] lengths = new int[count];
            for (int i = 0; i < count; i++) {
                offsets[i] = 128 + (long) i * SLOT;
                int payload = i < count - 1 && data.consumeBoolean() ? size : data.consumeInt(0, 300);
                lengths[i] = datagram(in, offsets[i], v4, payload, data.consumeInt());
                for (int m = data.consumeInt(0, 3); m > 0; m--) { // fuzzed bytes anywhere in the datagram
                    Bytes.put8(in, offsets[i] + data.consumeInt(0, lengths[i] - 1), data.consumeByte());
                }
            }
            int l3 = UdpCoalescer.joinableHeader(in, offsets[0], lengths[0], false);
            assertThat(l3).isIn(0, 20, 40);
            int run = l3 == 0 ? 1 : run(in, offsets, lengths, l3);
            if (run < 2) {
                return;
            }
            MemorySegment out = arena.allocate(128 + UdpCoalescer.MAX_BYTES + 256);
            int gsoSize = lengths[0] - l3 - 8;
            int length = UdpCoalescer.build(in, offsets, lengths, 0, run, l3, gsoSize, out, 128);
            checkSuperPacket(out, length, l3, gsoSize);
            segmentAndCompare(in, offsets, lengths, run, l3, out, gsoSize);
        }
    }

    /** The worker's rule: how many datagrams from the first form one joinable run. */
    private static int run(MemorySegment in, long[] offsets, int[] lengths, int l3) {
        int size = lengths[0];
        int run = 1;
        while (run < offsets.length) {
            int length = lengths[run];
            if (length > size || UdpCoalescer.joinableHeader(in, offsets[run], length, false) != l3
                    || !UdpCoalescer.sameFlow(in, offsets[0], offsets[run], l3)) {
                break;
            }
            run++;
            if (length < size) {
                break;
            }
        }
        return run;
    }

    private static void checkSuperPacket(MemorySegment out, int length, int l3, int gsoSize) {
        long h = 128 - VirtioNetHeader.LENGTH;
        assertThat(VirtioNetHeader.gsoType(out, h)).isEqualTo(VirtioNetHeader.GSO_UDP_L4);
        assertThat(VirtioNetHeader.gsoSize(out, h)).isEqualTo(gsoSize)
                .as("gso_size 0 cannot be segmented: the kernel refuses it").isPositive();
        assertThat(VirtioNetHeader.csumStart(out, h)).isEqualTo(l3);
        int udpLength = length - l3;
        assertThat(Bytes.u16(out, 128 + l3 + 4)).as("UDP Length").isEqualTo(udpLength);
        long seed;
        if (l3 == 20) {
            assertThat(Bytes.u16(out, 128 + 2)).as("Total Length").isEqualTo(length);
            assertThat(Checksum.verifies(0, out, 128, 20)).as("IPv4 header checksum").isTrue();
            seed = Checksum.pseudo4(Bytes.i32(out, 128 + 12), Bytes.i32(out, 128 + 16), 17, udpLength);
        } else {
            assertThat(Bytes.u16(out, 128 + 4)).as("Payload Length").isEqualTo(udpLength);
            seed = Checksum.pseudo6(Bytes.i64(out, 128 + 8), Bytes.i64(out, 128 + 16), Bytes.i64(out, 128 + 24),
                    Bytes.i64(out, 128 + 32), 17, udpLength);
        }
        assertThat(Bytes.u16(out, 128 + l3 + 6)).as("partial seed").isEqualTo(Checksum.fold(seed));
    }

    /** Cuts the super-packet at gso_size as the kernel does and compares each UDP datagram. */
    private static void segmentAndCompare(MemorySegment in, long[] offsets, int[] lengths, int run, int l3,
            MemorySegment out, int gsoSize) {
        long payloadAt = 128 + l3 + 8;
        for (int i = 0; i < run; i++) {
            int payload = lengths[i] - l3 - 8;
            assertThat(payload).isLessThanOrEqualTo(gsoSize);
            byte[] seg = new byte[8 + payload];
            MemorySegment s = MemorySegment.ofArray(seg);
            Bytes.copy(out, 128 + l3, s, 0, 8);
            Bytes.copy(out, payloadAt, s, 8, payload);
            payloadAt += payload;
            Bytes.put16(s, 4, 8 + payload);
            Bytes.put16(s, 6, 0);
            long seed = l3 == 20
                    ? Checksum.pseudo4(Bytes.i32(in, offsets[i] + 12), Bytes.i32(in, offsets[i] + 16), 17, 8 + payload)
                    : Checksum.pseudo6(Bytes.i64(in, offsets[i] + 8), Bytes.i64(in, offsets[i] + 16),
                            Bytes.i64(in, offsets[i] + 24), Bytes.i64(in, offsets[i] + 32), 17, 8 + payload);
            int sum = Checksum.finish(Checksum.add(seed, s, 0, 8 + payload));
            Bytes.put16(s, 6, sum == 0 ? 0xFFFF : sum);
            assertThat(seg).as("segment %d of %d", i, run)
                    .isEqualTo(in.asSlice(offsets[i] + l3, 8 + payload).toArray(ValueLayout.JAVA_BYTE));
        }
        assertThat(payloadAt).isEqualTo(128 + l3 + 8 + java.util.stream.IntStream.range(0, run)
                .map(i -> lengths[i] - l3 - 8).sum());
    }

    /** A UDP datagram of the flow (payload filled from {@code fill}) with valid checksums; its length. */
    private static int datagram(MemorySegment s, long off, boolean v4, int payload, int fill) {
        int l3 = v4 ? 20 : 40;
        if (v4) {
            net.v6mostly.wire.Ipv4Header.write(s, off, 0, 20 + 8 + payload, fill & 0xFFFF, 0, 63, 17,
                    UdpCoalescerTest.SRC, UdpCoalescerTest.DST);
        } else {
            Bytes.put32(s, off, 6 << 28);
            Bytes.put16(s, off + 4, 8 + payload);
            Bytes.put16(s, off + 6, 17 << 8 | 63);
            Bytes.put64(s, off + 8, SRC6_HI);
            Bytes.put64(s, off + 16, UdpCoalescerTest.SRC);
            Bytes.put64(s, off + 24, SRC6_HI);
            Bytes.put64(s, off + 32, UdpCoalescerTest.DST);
        }
        Bytes.put32(s, off + l3, 40000 << 16 | 5201);
        Bytes.put32(s, off + l3 + 4, (8 + payload) << 16);
        for (int i = 0; i < payload; i++) {
            Bytes.put8(s, off + l3 + 8 + i, fill + i * 7);
        }
        long seed = v4 ? Checksum.pseudo4(UdpCoalescerTest.SRC, UdpCoalescerTest.DST, 17, 8 + payload)
                : Checksum.pseudo6(SRC6_HI, UdpCoalescerTest.SRC, SRC6_HI, UdpCoalescerTest.DST, 17, 8 + payload);
        int sum = Checksum.finish(Checksum.add(seed, s, off + l3, 8 + payload));
        Bytes.put16(s, off + l3 + 6, sum == 0 ? 0xFFFF : sum);
        return l3 + 8 + payload;
    }
}
