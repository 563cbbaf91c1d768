package net.v6mostly.wire;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Big-endian (network order) reads and writes on a {@link MemorySegment}. The only place that
 * names the value layouts; views use it for their one-line accessors.
 */
public final class Bytes {
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private Bytes() {
    }

    /** Unsigned octet at {@code off}. */
    public static int u8(MemorySegment s, long off) {
        return s.get(ValueLayout.JAVA_BYTE, off) & 0xFF;
    }

    /** Unsigned 16-bit big-endian value at {@code off}. */
    public static int u16(MemorySegment s, long off) {
        return s.get(U16, off) & 0xFFFF;
    }

    /** 32-bit big-endian value at {@code off}. */
    public static int i32(MemorySegment s, long off) {
        return s.get(U32, off);
    }

    /** 64-bit big-endian value at {@code off}. */
    public static long i64(MemorySegment s, long off) {
        return s.get(U64, off);
    }

    /** Writes the low 8 bits of {@code v}. */
    public static void put8(MemorySegment s, long off, int v) {
        s.set(ValueLayout.JAVA_BYTE, off, (byte) v);
    }

    /** Writes the low 16 bits of {@code v}, big-endian. */
    public static void put16(MemorySegment s, long off, int v) {
        s.set(U16, off, (short) v);
    }

    /** Writes {@code v} big-endian. */
    public static void put32(MemorySegment s, long off, int v) {
        s.set(U32, off, v);
    }

    /** Writes {@code v} big-endian. */
    public static void put64(MemorySegment s, long off, long v) {
        s.set(U64, off, v);
    }

    /** Writes {@code len} zero bytes at {@code off}, without making a slice. */
    public static void zero(MemorySegment s, long off, int len) {
        long i = off;
        long end = off + len;
        for (; i + 8 <= end; i += 8) {
            s.set(U64, i, 0L);
        }
        for (; i < end; i++) {
            s.set(ValueLayout.JAVA_BYTE, i, (byte) 0);
        }
    }

    /** Copies {@code len} bytes; overlapping ranges are handled like {@code memmove}. */
    public static void copy(MemorySegment src, long srcOff, MemorySegment dst, long dstOff, int len) {
        MemorySegment.copy(src, srcOff, dst, dstOff, len);
    }
}
