package net.v6mostly.tun;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import net.v6mostly.linux.Libc;

/**
 * Batch read and write on a TUN queue, over the {@link FakeTun}: a batch read stops at EAGAIN or
 * when the caller's slots are full, never loses a packet between two batches, and lands each
 * packet after its virtio-net header on a 64-byte boundary; a batch write goes on past a packet
 * the kernel did not take, reporting each loss under its reason.
 */
class TunQueueTest {
    private static final int HEADROOM = 128;
    private final Arena arena = Arena.ofShared();
    private final List<TunDrop> drops = new ArrayList<>();
    private FakeTun tun;

    @AfterEach
    void close() {
        if (tun != null) {
            tun.close();
        }
        arena.close();
    }

    private TunQueue queue() {
        return new TunQueue(tun.fd(0), tun.vnetHeader(), arena, drops::add);
    }

    private PacketSlots slots(int max) {
        return new PacketSlots(arena.allocate(1 << 16, 64), max, HEADROOM, 2048);
    }

    private static byte[] packet(int length, int first) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (first + i);
        }
        return b;
    }

    private static byte[] bytes(PacketSlots s, int i) {
        return s.buffer().asSlice(s.offset(i), s.length(i)).toArray(ValueLayout.JAVA_BYTE);
    }

    @Test
    void aBatchReadStopsWhenTheSlotsAreFullAndTheNextTakesTheRest() throws Exception {
        tun = FakeTun.plain();
        for (int i = 0; i < 5; i++) {
            tun.send(packet(100 + i, i));
        }
        TunQueue q = queue();
        PacketSlots s = slots(3);
        assertThat(q.read(s)).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(bytes(s, i)).isEqualTo(packet(100 + i, i));
            assertThat(s.offset(i) % 64).as("each packet after its headroom on a 64-byte boundary").isZero();
        }
        assertThat(s.offset(0)).isEqualTo(HEADROOM);
        assertThat(s.offset(1)).as("100 bytes rounded up to 128, then the headroom").isEqualTo(HEADROOM + 128 + HEADROOM);
        assertThat(q.read(s)).isEqualTo(2);
        assertThat(bytes(s, 0)).isEqualTo(packet(103, 3));
        assertThat(bytes(s, 1)).isEqualTo(packet(104, 4));
        assertThat(q.read(s)).as("empty queue: EAGAIN, not an error").isZero();
        assertThat(s.count()).isZero();
        assertThat(drops).isEmpty();
    }

    @Test
    void aBatchReadStopsWhenTheBufferHasNoRoomForAnotherLargestPacket() throws Exception {
        tun = FakeTun.plain();
        for (int i = 0; i < 4; i++) {
            tun.send(packet(60, i));
        }
        TunQueue q = queue();
        // a read needs headroom + 2048 bytes free; each 60-byte packet takes 128 + 64: in 2500 bytes
        // the third read (at 2 × 192) would not fit, 384 + 128 + 2048 > 2500
        PacketSlots s = new PacketSlots(arena.allocate(2500, 64), 64, HEADROOM, 2048);
        assertThat(q.read(s)).isEqualTo(2);
        assertThat(q.read(s)).isEqualTo(2);
        assertThat(bytes(s, 1)).isEqualTo(packet(60, 3));
    }

    @Test
    void withVirtioNetHeadersEachPacketLandsAfterItsHeaderAndShortReadsAreDropped() throws Exception {
        tun = FakeTun.withVnetHeader(TunDevice.TUN_F_CSUM);
        byte[] header = {1, 0, 54, 0, 0, 0, 40, 0, 16, 0};
        tun.send(header, packet(80, 7));
        int kernel = kernelFd();
        MemorySegment four = arena.allocate(4);
        assertThat(Libc.write(Libc.errnoState(arena), kernel, four.address(), 4)).isEqualTo(4);
        tun.send(packet(30, 9));
        TunQueue q = queue();
        PacketSlots s = slots(8);
        assertThat(q.read(s)).isEqualTo(2);
        assertThat(bytes(s, 0)).isEqualTo(packet(80, 7));
        assertThat(s.buffer().asSlice(s.offset(0) - 10, 10).toArray(ValueLayout.JAVA_BYTE)).isEqualTo(header);
        assertThat(bytes(s, 1)).isEqualTo(packet(30, 9));
        assertThat(drops).containsExactly(TunDrop.READ_TOO_SHORT);
    }

    @Test
    void aDescriptorThatCannotBeReadFailsTheBatchWithItsErrno() throws Exception {
        MemorySegment errno = Libc.errnoState(arena);
        int writeOnly = Libc.open(errno, arena.allocateFrom("/dev/null"), 1 /* O_WRONLY */);
        assertThat(writeOnly).isNotNegative();
        try {
            TunQueue q = new TunQueue(writeOnly, false, arena, drops::add);
            assertThat(q.read(slots(4))).isEqualTo(TunQueue.READ_FAILED);
            assertThat(q.lastErrno()).isEqualTo(Libc.EBADF);
        } finally {
            Libc.close(errno, writeOnly);
        }
    }

    @Test
    void aBatchWriteGoesOnPastPacketsTheKernelHasNoRoomFor() throws Exception {
        tun = FakeTun.plain();
        tun.shrinkSendBuffer();
        TunQueue q = queue();
        MemorySegment buf = arena.allocate(40 * 1024, 64);
        long[] offsets = new long[40];
        int[] lengths = new int[40];
        for (int i = 0; i < 40; i++) {
            offsets[i] = HEADROOM + i * 1024L;
            lengths[i] = 600;
            MemorySegment.copy(packet(600, i), 0, buf, ValueLayout.JAVA_BYTE, offsets[i], 600);
        }
        int written = q.write(buf, offsets, lengths, 0, 40);
        assertThat(written).as("a minimal socket buffer takes a few").isBetween(1, 39);
        assertThat(drops).hasSize(40 - written).containsOnly(TunDrop.WRITE_AGAIN);
        for (int i = 0; i < written; i++) {
            assertThat(tun.receive(0)).as("packet %d, in order", i).isEqualTo(packet(600, i));
        }
        assertThat(tun.receive(0)).isNull();
        assertThat(q.write(buf, offsets[39], lengths[39])).as("room again once the kernel end read").isTrue();
        assertThat(tun.receive(0)).isEqualTo(packet(600, 39));
    }

    @Test
    void aWriteThatGoesOutShortIsCountedAsShort() throws Exception {
        tun = FakeTun.stream(); // a stream takes part of a write when its buffer fills; a TUN never should
        tun.shrinkSendBuffer();
        TunQueue q = queue();
        MemorySegment buf = arena.allocate(HEADROOM + 32768);
        assertThat(q.write(buf, HEADROOM, 32768)).isFalse();
        assertThat(drops).containsExactly(TunDrop.WRITE_SHORT);
    }

    @Test
    void aPacketTheKernelRefusesIsAWriteError() throws Exception {
        tun = FakeTun.plain();
        TunQueue q = queue();
        // larger than the socket can ever take: EMSGSIZE, as a TUN answers EINVAL to a bad packet
        MemorySegment buf = arena.allocate(HEADROOM + (1 << 20));
        assertThat(q.write(buf, HEADROOM, 1 << 20)).isFalse();
        assertThat(drops).containsExactly(TunDrop.WRITE_ERROR);
        assertThat(q.lastErrno()).as("EMSGSIZE").isEqualTo(90);
    }

    private int kernelFd() {
        return tun.kernelFdForTests();
    }
}
