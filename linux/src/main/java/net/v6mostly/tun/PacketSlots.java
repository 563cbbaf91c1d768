package net.v6mostly.tun;

import java.lang.foreign.MemorySegment;

/**
 * Caller-owned room for one batch of packets read by {@link TunQueue#read}: one buffer, the
 * packets packed in it one after the other (each starting on a 64-byte boundary after
 * {@code headroom} bytes that hold its virtio-net header and let a translator grow the header
 * in place, DESIGN.md §4), and where each landed. Reused batch after batch: nothing is allocated
 * per packet.
 */
public final class PacketSlots {
    private static final int ALIGN = 64;

    private final MemorySegment buffer;
    private final long[] offsets;
    private final int[] lengths;
    private final int headroom;
    private final int capacity;
    private int count;
    private long cursor;

    /**
     * Room for up to {@code maxPackets} packets in {@code buffer}.
     *
     * @param headroom bytes kept before each packet: at least the virtio-net header, plus what the
     *                 translator may grow the header by
     * @param capacity largest packet one read may return, its virtio-net header included (a 64 KiB
     *                 GSO super-packet with a device that has offloads)
     */
    public PacketSlots(MemorySegment buffer, int maxPackets, int headroom, int capacity) {
        if (maxPackets < 1 || headroom < 0 || capacity < 1 || headroom + capacity > buffer.byteSize()) {
            throw new IllegalArgumentException("slots: " + maxPackets + " packets of " + capacity + " bytes after "
                    + headroom + " bytes of headroom do not fit " + buffer.byteSize() + " bytes");
        }
        this.buffer = buffer;
        this.offsets = new long[maxPackets];
        this.lengths = new int[maxPackets];
        this.headroom = headroom;
        this.capacity = capacity;
    }

    /** The buffer the packets are in. */
    public MemorySegment buffer() {
        return buffer;
    }

    /** Packets in the last batch read. */
    public int count() {
        return count;
    }

    /** Where packet {@code i} of the batch starts (its IP header; the virtio-net header is just before). */
    public long offset(int i) {
        return offsets[i];
    }

    /** Length of packet {@code i}, without its virtio-net header. */
    public int length(int i) {
        return lengths[i];
    }

    /** Most packets one batch holds. */
    public int maxPackets() {
        return offsets.length;
    }

    /** Bytes kept before each packet. */
    public int headroom() {
        return headroom;
    }

    /** Largest read, virtio-net header included. */
    int capacity() {
        return capacity;
    }

    /** Empties the batch. */
    void clear() {
        count = 0;
        cursor = 0;
    }

    /** Whether one more read of {@link #capacity} bytes fits. */
    boolean hasRoom() {
        return count < offsets.length && cursor + headroom + capacity <= buffer.byteSize();
    }

    /** Where the next packet starts. */
    long next() {
        return cursor + headroom;
    }

    /** Records a packet of {@code length} bytes at {@link #next()}, read with {@code readBytes} bytes in all. */
    void add(int length, long readBytes) {
        long at = cursor + headroom;
        offsets[count] = at;
        lengths[count] = length;
        count++;
        cursor = (at + readBytes + ALIGN - 1) & -ALIGN;
    }
}
