package net.v6mostly.wire;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The {@code struct virtio_net_hdr} a TUN device with {@code IFF_VNET_HDR} puts before every packet
 * (VIRTIO 1.x §5.1.6, include/uapi/linux/virtio_net.h): checksum and segmentation offload state.
 * The 16-bit fields are little-endian on every host ({@link #BYTE_ORDER}, never the native
 * order): VIRTIO 1.x makes them little-endian, and a TUN uses that order when told so with
 * {@code TUNSETVNETLE} (include/uapi/linux/if_tun.h) or when the host is little-endian; the
 * data path's TUN device asks for it and refuses offloads on a big-endian host whose kernel
 * will not (drivers/net/tun.c, {@code tun_is_little_endian}).
 *
 * <pre>
 * | flags (8) | gso_type (8) | hdr_len (16) | gso_size (16) | csum_start (16) | csum_offset (16) |
 * </pre>
 */
public final class VirtioNetHeader {
    public static final int FLAGS = 0;
    public static final int GSO_TYPE = 1;
    public static final int HDR_LEN = 2;
    public static final int GSO_SIZE = 4;
    public static final int CSUM_START = 6;
    public static final int CSUM_OFFSET = 8;
    /** Length of the header without num_buffers. */
    public static final int LENGTH = 10;

    /** flags: the checksum from csum_start must be completed and stored at csum_start + csum_offset. */
    public static final int F_NEEDS_CSUM = 1;
    /** flags: the checksum was already validated. */
    public static final int F_DATA_VALID = 2;
    public static final int GSO_NONE = 0;
    public static final int GSO_TCPV4 = 1;
    public static final int GSO_UDP = 3;
    public static final int GSO_TCPV6 = 4;
    public static final int GSO_UDP_L4 = 5;
    /** gso_type bit: the TCP segments carry ECN CWR handling. */
    public static final int GSO_ECN = 0x80;

    /** Byte order of hdr_len, gso_size, csum_start and csum_offset, whatever the host's. */
    public static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;

    private static final ValueLayout.OfShort LE16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(BYTE_ORDER);

    private VirtioNetHeader() {
    }

    public static int flags(MemorySegment s, long off) { return Bytes.u8(s, off + FLAGS); }
    public static int gsoType(MemorySegment s, long off) { return Bytes.u8(s, off + GSO_TYPE); }
    public static int hdrLen(MemorySegment s, long off) { return s.get(LE16, off + HDR_LEN) & 0xFFFF; }
    public static int gsoSize(MemorySegment s, long off) { return s.get(LE16, off + GSO_SIZE) & 0xFFFF; }
    public static int csumStart(MemorySegment s, long off) { return s.get(LE16, off + CSUM_START) & 0xFFFF; }
    public static int csumOffset(MemorySegment s, long off) { return s.get(LE16, off + CSUM_OFFSET) & 0xFFFF; }

    /** Writes a whole header. */
    public static void write(MemorySegment s, long off, int flags, int gsoType, int hdrLen, int gsoSize, int csumStart,
            int csumOffset) {
        Bytes.put8(s, off + FLAGS, flags);
        Bytes.put8(s, off + GSO_TYPE, gsoType);
        s.set(LE16, off + HDR_LEN, (short) hdrLen);
        s.set(LE16, off + GSO_SIZE, (short) gsoSize);
        s.set(LE16, off + CSUM_START, (short) csumStart);
        s.set(LE16, off + CSUM_OFFSET, (short) csumOffset);
    }

    /** Writes the header of a packet with nothing left to the kernel: ten zero bytes, in any byte order. */
    public static void writeNone(MemorySegment s, long off) {
        Bytes.put64(s, off, 0L);
        Bytes.put16(s, off + 8, 0);
    }
}
