package net.v6mostly.wire;

import java.lang.foreign.MemorySegment;

/**
 * The ICMPv4 header (RFC 792), read and written in place by offset: no instance, no allocation.
 * The checksum covers the whole ICMP message, without a pseudo-header. The second word depends on
 * the type: identifier and sequence number (Echo, RFC 792), the pointer (Parameter Problem,
 * RFC 792), the next-hop MTU (Fragmentation Needed, RFC 1191 §4), the length of the original
 * datagram (RFC 4884 §4.1, in Destination Unreachable, Time Exceeded and Parameter Problem).
 * Type and code names are in {@link Icmp4}.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |     Code      |          Checksum             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Identifier / Pointer / unused |  Sequence / Length / MTU     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      Internet Header + 64 bits of Original Data Datagram      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class Icmp4Header {
    public static final int TYPE = 0;
    public static final int CODE = 1;
    public static final int CHECKSUM = 2;
    /** The second word, whose meaning depends on the type. */
    public static final int REST = 4;
    /** Echo identifier (RFC 792). */
    public static final int IDENTIFIER = 4;
    /** Echo sequence number (RFC 792). */
    public static final int SEQUENCE = 6;
    /** Parameter Problem pointer octet (RFC 792). */
    public static final int POINTER = 4;
    /** Length of the original datagram in 32-bit words (RFC 4884 §4.1). */
    public static final int LENGTH_ATTRIBUTE = 5;
    /** Next-hop MTU of a Fragmentation Needed message (RFC 1191 §4). */
    public static final int NEXT_HOP_MTU = 6;
    /** Length of the header; an error's embedded datagram starts here. */
    public static final int LENGTH = 8;

    private Icmp4Header() {
    }

    public static int type(MemorySegment s, long off) { return Bytes.u8(s, off + TYPE); }
    public static int code(MemorySegment s, long off) { return Bytes.u8(s, off + CODE); }
    public static int checksum(MemorySegment s, long off) { return Bytes.u16(s, off + CHECKSUM); }
    /** The whole second word. */
    public static int rest(MemorySegment s, long off) { return Bytes.i32(s, off + REST); }
    public static int identifier(MemorySegment s, long off) { return Bytes.u16(s, off + IDENTIFIER); }
    public static int sequence(MemorySegment s, long off) { return Bytes.u16(s, off + SEQUENCE); }
    public static int pointer(MemorySegment s, long off) { return Bytes.u8(s, off + POINTER); }
    /** The RFC 4884 length attribute, in 32-bit words (0: not given). */
    public static int lengthAttribute(MemorySegment s, long off) { return Bytes.u8(s, off + LENGTH_ATTRIBUTE); }
    public static int nextHopMtu(MemorySegment s, long off) { return Bytes.u16(s, off + NEXT_HOP_MTU); }

    public static void setType(MemorySegment s, long off, int type) { Bytes.put8(s, off + TYPE, type); }
    public static void setCode(MemorySegment s, long off, int code) { Bytes.put8(s, off + CODE, code); }
    public static void setChecksum(MemorySegment s, long off, int checksum) { Bytes.put16(s, off + CHECKSUM, checksum); }
    public static void setRest(MemorySegment s, long off, int rest) { Bytes.put32(s, off + REST, rest); }
    public static void setIdentifier(MemorySegment s, long off, int id) { Bytes.put16(s, off + IDENTIFIER, id); }

    /** Writes type, code, a zero checksum (to be filled once the body is in place) and the second word. */
    public static void write(MemorySegment s, long off, int type, int code, int rest) {
        Bytes.put32(s, off, (type & 0xFF) << 24 | (code & 0xFF) << 16);
        Bytes.put32(s, off + REST, rest);
    }

    /** Fills the checksum over the {@code length} bytes of the message at {@code off} (RFC 792). */
    public static void fillChecksum(MemorySegment s, long off, int length) {
        Bytes.put16(s, off + CHECKSUM, 0);
        Bytes.put16(s, off + CHECKSUM, Checksum.finish(Checksum.add(0, s, off, length)));
    }
}
