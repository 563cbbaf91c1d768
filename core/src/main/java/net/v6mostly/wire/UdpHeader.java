package net.v6mostly.wire;

import java.lang.foreign.MemorySegment;

/**
 * The UDP header (RFC 768), read and written in place by offset: no instance, no allocation.
 * The checksum covers a pseudo-header ({@link Checksum#pseudo4}, {@link Checksum#pseudo6}), the
 * header and the data; zero means "no checksum" over IPv4 and a computed zero is sent as all ones
 * (RFC 768), while over IPv6 zero is not allowed (RFC 8200 §8.1).
 *
 * <pre>
 *  0      7 8     15 16    23 24    31
 * +--------+--------+--------+--------+
 * |     Source      |   Destination   |
 * |      Port       |      Port       |
 * +--------+--------+--------+--------+
 * |                 |                 |
 * |     Length      |    Checksum     |
 * +--------+--------+--------+--------+
 * |          data octets ...
 * +---------------- ...
 * </pre>
 */
public final class UdpHeader {
    public static final int SOURCE_PORT = 0;
    public static final int DESTINATION_PORT = 2;
    /** The Length field: header plus data, in octets (RFC 768 "Length"). */
    public static final int DATAGRAM_LENGTH = 4;
    public static final int CHECKSUM = 6;
    /** Length of the header. */
    public static final int LENGTH = 8;

    private UdpHeader() {
    }

    public static int sourcePort(MemorySegment s, long off) { return Bytes.u16(s, off + SOURCE_PORT); }
    public static int destinationPort(MemorySegment s, long off) { return Bytes.u16(s, off + DESTINATION_PORT); }
    /** The Length field: this header plus the data, in octets. */
    public static int datagramLength(MemorySegment s, long off) { return Bytes.u16(s, off + DATAGRAM_LENGTH); }
    public static int checksum(MemorySegment s, long off) { return Bytes.u16(s, off + CHECKSUM); }

    public static void setSourcePort(MemorySegment s, long off, int port) { Bytes.put16(s, off + SOURCE_PORT, port); }
    public static void setDestinationPort(MemorySegment s, long off, int port) { Bytes.put16(s, off + DESTINATION_PORT, port); }
    public static void setDatagramLength(MemorySegment s, long off, int length) { Bytes.put16(s, off + DATAGRAM_LENGTH, length); }
    public static void setChecksum(MemorySegment s, long off, int checksum) { Bytes.put16(s, off + CHECKSUM, checksum); }

    /** Writes a whole header at {@code off}. */
    public static void write(MemorySegment s, long off, int sourcePort, int destinationPort, int datagramLength,
            int checksum) {
        Bytes.put32(s, off, (sourcePort & 0xFFFF) << 16 | (destinationPort & 0xFFFF));
        Bytes.put32(s, off + DATAGRAM_LENGTH, (datagramLength & 0xFFFF) << 16 | (checksum & 0xFFFF));
    }
}
