package net.v6mostly.wire;

import java.lang.foreign.MemorySegment;

/**
 * View of the IPv6 fixed header (RFC 8200 §3). Reusable; {@link #check} before use.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version| Traffic Class |           Flow Label                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Payload Length        |  Next Header  |   Hop Limit   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Source Address (128)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      Destination Address (128)                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class Ipv6Header {
    public static final int VERSION_CLASS_FLOW = 0;
    public static final int PAYLOAD_LENGTH = 4;
    public static final int NEXT_HEADER = 6;
    public static final int HOP_LIMIT = 7;
    public static final int SOURCE = 8;
    public static final int DESTINATION = 24;
    /** Length of the fixed header. */
    public static final int LENGTH = 40;

    /** Result of {@link #check}. */
    public enum Check {
        OK, TRUNCATED, NOT_VERSION_6, BAD_PAYLOAD_LENGTH
    }

    private MemorySegment s;
    private long o;
    private int available;

    /** Points this view at a header starting at {@code off} with {@code available} bytes readable. */
    public Ipv6Header wrap(MemorySegment segment, long off, int available) {
        this.s = segment;
        this.o = off;
        this.available = available;
        return this;
    }

    /**
     * Validates: 40 bytes present, version 6, and Payload Length not beyond the bytes available.
     * A zero Payload Length is an empty payload (a No Next Header packet, as the Jool graybox "ad"
     * test sends); a jumbogram (RFC 2675) would also need a Hop-by-Hop Jumbo Payload option, which
     * then lies beyond the empty payload, so {@link Ipv6Chain#walk} reports it truncated.
     */
    public Check check() {
        if (available < LENGTH) {
            return Check.TRUNCATED;
        }
        if (version() != 6) {
            return Check.NOT_VERSION_6;
        }
        if (LENGTH + payloadLength() > available) {
            return Check.BAD_PAYLOAD_LENGTH;
        }
        return Check.OK;
    }

    public MemorySegment segment() { return s; }
    public long offset() { return o; }
    public int version() { return version(s, o); }
    public int trafficClass() { return trafficClass(s, o); }
    public int flowLabel() { return versionClassFlow(s, o) & 0xF_FFFF; }
    public int payloadLength() { return payloadLength(s, o); }
    public int nextHeader() { return nextHeader(s, o); }
    public int hopLimit() { return hopLimit(s, o); }
    public long sourceHi() { return sourceHi(s, o); }
    public long sourceLo() { return sourceLo(s, o); }
    public long destinationHi() { return destinationHi(s, o); }
    public long destinationLo() { return destinationLo(s, o); }
    /** Total length of the packet per Payload Length. */
    public int totalLength() { return LENGTH + payloadLength(); }

    // ---- the same fields by offset, for code that keeps no view (static helpers on the packet path);
    // nothing is validated: the caller has checked the header is there

    public static int version(MemorySegment s, long off) { return Bytes.u8(s, off + VERSION_CLASS_FLOW) >>> 4; }
    /** The first word whole: version, traffic class and flow label. */
    public static int versionClassFlow(MemorySegment s, long off) { return Bytes.i32(s, off + VERSION_CLASS_FLOW); }
    public static int trafficClass(MemorySegment s, long off) { return (Bytes.u16(s, off + VERSION_CLASS_FLOW) >>> 4) & 0xFF; }
    public static int payloadLength(MemorySegment s, long off) { return Bytes.u16(s, off + PAYLOAD_LENGTH); }
    public static int nextHeader(MemorySegment s, long off) { return Bytes.u8(s, off + NEXT_HEADER); }
    public static int hopLimit(MemorySegment s, long off) { return Bytes.u8(s, off + HOP_LIMIT); }
    public static long sourceHi(MemorySegment s, long off) { return Bytes.i64(s, off + SOURCE); }
    public static long sourceLo(MemorySegment s, long off) { return Bytes.i64(s, off + SOURCE + 8); }
    public static long destinationHi(MemorySegment s, long off) { return Bytes.i64(s, off + DESTINATION); }
    public static long destinationLo(MemorySegment s, long off) { return Bytes.i64(s, off + DESTINATION + 8); }
    public static void setPayloadLength(MemorySegment s, long off, int length) { Bytes.put16(s, off + PAYLOAD_LENGTH, length); }

    /** Writes a fixed header at {@code off} with flow label 0. */
    public static void write(MemorySegment s, long off, int trafficClass, int payloadLength, int nextHeader,
            int hopLimit, long srcHi, long srcLo, long dstHi, long dstLo) {
        Bytes.put32(s, off, 0x6000_0000 | (trafficClass & 0xFF) << 20);
        Bytes.put32(s, off + PAYLOAD_LENGTH, (payloadLength & 0xFFFF) << 16 | (nextHeader & 0xFF) << 8 | (hopLimit & 0xFF));
        Bytes.put64(s, off + SOURCE, srcHi);
        Bytes.put64(s, off + SOURCE + 8, srcLo);
        Bytes.put64(s, off + DESTINATION, dstHi);
        Bytes.put64(s, off + DESTINATION + 8, dstLo);
    }
}
