package net.v6mostly.wire;

import java.lang.foreign.MemorySegment;

/**
 * The IPv6 Fragment header (RFC 8200 §4.5), read and written in place by offset.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Next Header  |   Reserved    |      Fragment Offset    |Res|M|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Identification                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class Ipv6Fragment {
    public static final int NEXT_HEADER = 0;
    public static final int OFFSET_FLAGS = 2;
    public static final int IDENTIFICATION = 4;
    /** Length of the header. */
    public static final int LENGTH = 8;

    private Ipv6Fragment() {
    }

    public static int nextHeader(MemorySegment s, long off) { return Bytes.u8(s, off + NEXT_HEADER); }
    /** Fragment offset in 8-octet units. */
    public static int fragmentOffset(MemorySegment s, long off) { return Bytes.u16(s, off + OFFSET_FLAGS) >>> 3; }
    public static boolean moreFragments(MemorySegment s, long off) { return (Bytes.u16(s, off + OFFSET_FLAGS) & 1) != 0; }
    public static int identification(MemorySegment s, long off) { return Bytes.i32(s, off + IDENTIFICATION); }

    /** Writes a Fragment header at {@code off}. */
    public static void write(MemorySegment s, long off, int nextHeader, int offsetUnits, boolean more, int id) {
        Bytes.put32(s, off, (nextHeader & 0xFF) << 24 | (offsetUnits & 0x1FFF) << 3 | (more ? 1 : 0));
        Bytes.put32(s, off + IDENTIFICATION, id);
    }
}
