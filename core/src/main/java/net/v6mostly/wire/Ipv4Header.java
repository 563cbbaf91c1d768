package net.v6mostly.wire;

import java.lang.foreign.MemorySegment;

/**
 * View of an IPv4 header (RFC 791 §3.1) over a {@link MemorySegment}. Reusable: {@link #wrap}
 * points it at a packet without allocating; {@link #check} must pass before any accessor is used.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|  IHL  |Type of Service|          Total Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Identification        |Flags|      Fragment Offset    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Time to Live |    Protocol   |         Header Checksum       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Source Address                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Destination Address                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Options                    |    Padding    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class Ipv4Header {
    public static final int VERSION_IHL = 0;
    public static final int TOS = 1;
    public static final int TOTAL_LENGTH = 2;
    public static final int IDENTIFICATION = 4;
    public static final int FLAGS_OFFSET = 6;
    public static final int TTL = 8;
    public static final int PROTOCOL = 9;
    public static final int CHECKSUM = 10;
    public static final int SOURCE = 12;
    public static final int DESTINATION = 16;
    /** Length of a header without options. */
    public static final int LENGTH = 20;

    /** The Don't Fragment flag in the flags/offset word. */
    public static final int DF = 0x4000;
    /** The More Fragments flag in the flags/offset word. */
    public static final int MF = 0x2000;
    /** The fragment offset bits (8-octet units) of the flags/offset word. */
    public static final int OFFSET_MASK = 0x1FFF;

    /** Result of {@link #check}. */
    public enum Check {
        OK, TRUNCATED, NOT_VERSION_4, BAD_IHL, BAD_TOTAL_LENGTH, BAD_CHECKSUM
    }

    private MemorySegment s;
    private long o;
    private int available;

    /** Points this view at a header starting at {@code off} with {@code available} bytes readable. */
    public Ipv4Header wrap(MemorySegment segment, long off, int available) {
        this.s = segment;
        this.o = off;
        this.available = available;
        return this;
    }

    /**
     * Validates what every accessor relies on: 20 bytes present, version 4, IHL within
     * 5..(total length / 4), Total Length not beyond the bytes available, and (when
     * {@code verifyChecksum}) a header checksum that verifies (RFC 1812 §5.2.2).
     */
    public Check check(boolean verifyChecksum) {
        if (available < LENGTH) {
            return Check.TRUNCATED;
        }
        if (version() != 4) {
            return Check.NOT_VERSION_4;
        }
        int hl = headerLength();
        if (hl < LENGTH || hl > available) {
            return Check.BAD_IHL;
        }
        int total = totalLength();
        if (total < hl || total > available) {
            return Check.BAD_TOTAL_LENGTH;
        }
        if (verifyChecksum && !Checksum.verifies(0, s, o, hl)) {
            return Check.BAD_CHECKSUM;
        }
        return Check.OK;
    }

    public MemorySegment segment() { return s; }
    public long offset() { return o; }
    public int version() { return version(s, o); }
    /** Header length in bytes (IHL × 4). */
    public int headerLength() { return headerLength(s, o); }
    public int tos() { return tos(s, o); }
    public int totalLength() { return totalLength(s, o); }
    public int identification() { return Bytes.u16(s, o + IDENTIFICATION); }
    public int flagsOffset() { return flagsOffset(s, o); }
    public boolean dontFragment() { return (flagsOffset() & DF) != 0; }
    public boolean moreFragments() { return (flagsOffset() & MF) != 0; }
    /** Fragment offset in 8-octet units. */
    public int fragmentOffset() { return flagsOffset() & OFFSET_MASK; }
    /** Whether this packet is a fragment (MF set or offset non-zero). */
    public boolean isFragment() { return (flagsOffset() & (MF | OFFSET_MASK)) != 0; }
    public int ttl() { return ttl(s, o); }
    public int protocol() { return protocol(s, o); }
    public int checksum() { return Bytes.u16(s, o + CHECKSUM); }
    public int source() { return source(s, o); }
    public int destination() { return destination(s, o); }
    /** Offset of the payload (after options) in the segment. */
    public long payloadOffset() { return o + headerLength(); }
    /** Payload length per Total Length. */
    public int payloadLength() { return totalLength() - headerLength(); }

    /** Recomputes the header checksum over the header as it now is. */
    public void fillChecksum() {
        fillChecksum(s, o);
    }

    // ---- the same fields by offset, for code that keeps no view (static helpers on the packet path);
    // nothing is validated: the caller has checked the header is there

    public static int version(MemorySegment s, long off) { return Bytes.u8(s, off + VERSION_IHL) >>> 4; }
    /** Header length in bytes (IHL × 4). */
    public static int headerLength(MemorySegment s, long off) { return (Bytes.u8(s, off + VERSION_IHL) & 0x0F) * 4; }
    public static int tos(MemorySegment s, long off) { return Bytes.u8(s, off + TOS); }
    public static int totalLength(MemorySegment s, long off) { return Bytes.u16(s, off + TOTAL_LENGTH); }
    public static int flagsOffset(MemorySegment s, long off) { return Bytes.u16(s, off + FLAGS_OFFSET); }
    public static int ttl(MemorySegment s, long off) { return Bytes.u8(s, off + TTL); }
    public static int protocol(MemorySegment s, long off) { return Bytes.u8(s, off + PROTOCOL); }
    public static int source(MemorySegment s, long off) { return Bytes.i32(s, off + SOURCE); }
    public static int destination(MemorySegment s, long off) { return Bytes.i32(s, off + DESTINATION); }
    public static void setTotalLength(MemorySegment s, long off, int length) { Bytes.put16(s, off + TOTAL_LENGTH, length); }

    /** Recomputes the checksum of the header at {@code off} over its IHL × 4 bytes. */
    public static void fillChecksum(MemorySegment s, long off) {
        Bytes.put16(s, off + CHECKSUM, 0);
        Bytes.put16(s, off + CHECKSUM, Checksum.finish(Checksum.add(0, s, off, headerLength(s, off))));
    }

    /**
     * Writes a 20-byte option-less header at {@code off} and fills its checksum (RFC 791, RFC
     * 1071), summed from the field values rather than read back from the packet.
     */
    public static void write(MemorySegment s, long off, int tos, int totalLength, int identification,
            int flagsOffset, int ttl, int protocol, int source, int destination) {
        int word0 = 0x4500 | (tos & 0xFF);
        int ttlProtocol = (ttl & 0xFF) << 8 | (protocol & 0xFF);
        long sum = word0 + (totalLength & 0xFFFF) + (identification & 0xFFFF) + (flagsOffset & 0xFFFF) + ttlProtocol;
        int checksum = Checksum.finish(Checksum.add32(Checksum.add32(sum, source), destination));
        Bytes.put32(s, off, word0 << 16 | (totalLength & 0xFFFF));
        Bytes.put32(s, off + IDENTIFICATION, identification << 16 | (flagsOffset & 0xFFFF));
        Bytes.put32(s, off + TTL, ttlProtocol << 16 | checksum);
        Bytes.put32(s, off + SOURCE, source);
        Bytes.put32(s, off + DESTINATION, destination);
    }
}
