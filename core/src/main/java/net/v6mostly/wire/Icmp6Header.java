package net.v6mostly.wire;

import java.lang.foreign.MemorySegment;

/**
 * The ICMPv6 header (RFC 4443 §2.1), read and written in place by offset: no instance, no
 * allocation. The checksum covers the IPv6 pseudo-header (RFC 4443 §2.3, {@link Checksum#pseudo6})
 * and the whole message. The second word depends on the type: the MTU (Packet Too Big, §3.2), the
 * pointer (Parameter Problem, §3.4), identifier and sequence number (Echo, §4.1), the length of the
 * original datagram (RFC 4884 §4.1, in Destination Unreachable and Time Exceeded). Type and code
 * names are in {@link Icmp6}.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |     Code      |          Checksum             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   MTU / Pointer / Identifier, Sequence        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Message Body                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class Icmp6Header {
    public static final int TYPE = 0;
    public static final int CODE = 1;
    public static final int CHECKSUM = 2;
    /** The second word, whose meaning depends on the type. */
    public static final int REST = 4;
    /** Packet Too Big MTU, 32 bits (§3.2). */
    public static final int MTU = 4;
    /** Parameter Problem pointer, 32 bits (§3.4). */
    public static final int POINTER = 4;
    /** Length of the original datagram in 64-bit words (RFC 4884 §4.1). */
    public static final int LENGTH_ATTRIBUTE = 4;
    /** Echo identifier (§4.1). */
    public static final int IDENTIFIER = 4;
    /** Echo sequence number (§4.1). */
    public static final int SEQUENCE = 6;
    /** Length of the header; an error's invoking packet starts here. */
    public static final int LENGTH = 8;

    private Icmp6Header() {
    }

    public static int type(MemorySegment s, long off) { return Bytes.u8(s, off + TYPE); }
    public static int code(MemorySegment s, long off) { return Bytes.u8(s, off + CODE); }
    public static int checksum(MemorySegment s, long off) { return Bytes.u16(s, off + CHECKSUM); }
    /** The whole second word. */
    public static int rest(MemorySegment s, long off) { return Bytes.i32(s, off + REST); }
    /** The Packet Too Big MTU, unsigned 32 bits. */
    public static long mtu(MemorySegment s, long off) { return Bytes.i32(s, off + MTU) & 0xFFFF_FFFFL; }
    /** The Parameter Problem pointer, as the raw 32-bit word. */
    public static int pointer(MemorySegment s, long off) { return Bytes.i32(s, off + POINTER); }
    /** The RFC 4884 length attribute, in 64-bit words (0: not given). */
    public static int lengthAttribute(MemorySegment s, long off) { return Bytes.u8(s, off + LENGTH_ATTRIBUTE); }
    public static int identifier(MemorySegment s, long off) { return Bytes.u16(s, off + IDENTIFIER); }
    public static int sequence(MemorySegment s, long off) { return Bytes.u16(s, off + SEQUENCE); }

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

    /**
     * Fills the checksum over the pseudo-header {@code pseudo} ({@link Checksum#pseudo6} with
     * {@code length}) and the {@code length} bytes of the message at {@code off} (RFC 4443 §2.3).
     */
    public static void fillChecksum(MemorySegment s, long off, int length, long pseudo) {
        Bytes.put16(s, off + CHECKSUM, 0);
        Bytes.put16(s, off + CHECKSUM, Checksum.finish(Checksum.add(pseudo, s, off, length)));
    }
}
