package net.v6mostly.wire;

import java.lang.foreign.MemorySegment;

/**
 * The TCP header (RFC 9293 §3.1), read and written in place by offset: no instance, no
 * allocation. The checksum covers a pseudo-header ({@link Checksum#pseudo4},
 * {@link Checksum#pseudo6}), the header with its options and the data.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Sequence Number                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Acknowledgment Number                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Data |       |C|E|U|A|P|R|S|F|                               |
 * | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
 * |       |       |R|E|G|K|H|T|N|N|                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Checksum            |         Urgent Pointer        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           [Options]                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class TcpHeader {
    public static final int SOURCE_PORT = 0;
    public static final int DESTINATION_PORT = 2;
    public static final int SEQUENCE = 4;
    public static final int ACKNOWLEDGMENT = 8;
    /** The octet whose high nibble is the Data Offset (header length in 32-bit words). */
    public static final int DATA_OFFSET = 12;
    /** The control bits octet (CWR ECE URG ACK PSH RST SYN FIN). */
    public static final int FLAGS = 13;
    public static final int WINDOW = 14;
    public static final int CHECKSUM = 16;
    public static final int URGENT_POINTER = 18;
    /** Length of a header without options. */
    public static final int LENGTH = 20;

    /** Control bits in the {@link #FLAGS} octet (RFC 9293 §3.1; CWR and ECE from RFC 3168). */
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;

    private TcpHeader() {
    }

    public static int sourcePort(MemorySegment s, long off) { return Bytes.u16(s, off + SOURCE_PORT); }
    public static int destinationPort(MemorySegment s, long off) { return Bytes.u16(s, off + DESTINATION_PORT); }
    public static int sequence(MemorySegment s, long off) { return Bytes.i32(s, off + SEQUENCE); }
    public static int acknowledgment(MemorySegment s, long off) { return Bytes.i32(s, off + ACKNOWLEDGMENT); }
    /** Header length in bytes, options included (Data Offset × 4). */
    public static int headerLength(MemorySegment s, long off) { return (Bytes.u8(s, off + DATA_OFFSET) >>> 4) * 4; }
    /** The control bits octet; test with {@link #SYN}, {@link #ACK}... */
    public static int flags(MemorySegment s, long off) { return Bytes.u8(s, off + FLAGS); }
    public static boolean syn(MemorySegment s, long off) { return (flags(s, off) & SYN) != 0; }
    public static boolean fin(MemorySegment s, long off) { return (flags(s, off) & FIN) != 0; }
    public static boolean rst(MemorySegment s, long off) { return (flags(s, off) & RST) != 0; }
    public static boolean ack(MemorySegment s, long off) { return (flags(s, off) & ACK) != 0; }
    public static int window(MemorySegment s, long off) { return Bytes.u16(s, off + WINDOW); }
    public static int checksum(MemorySegment s, long off) { return Bytes.u16(s, off + CHECKSUM); }
    public static int urgentPointer(MemorySegment s, long off) { return Bytes.u16(s, off + URGENT_POINTER); }

    public static void setSourcePort(MemorySegment s, long off, int port) { Bytes.put16(s, off + SOURCE_PORT, port); }
    public static void setDestinationPort(MemorySegment s, long off, int port) { Bytes.put16(s, off + DESTINATION_PORT, port); }
    public static void setSequence(MemorySegment s, long off, int sequence) { Bytes.put32(s, off + SEQUENCE, sequence); }
    public static void setAcknowledgment(MemorySegment s, long off, int ack) { Bytes.put32(s, off + ACKNOWLEDGMENT, ack); }
    /** Sets the Data Offset from a header length in bytes (a multiple of 4, 20..60); the reserved bits are cleared. */
    public static void setHeaderLength(MemorySegment s, long off, int bytes) { Bytes.put8(s, off + DATA_OFFSET, (bytes / 4) << 4); }
    public static void setFlags(MemorySegment s, long off, int flags) { Bytes.put8(s, off + FLAGS, flags); }
    public static void setWindow(MemorySegment s, long off, int window) { Bytes.put16(s, off + WINDOW, window); }
    public static void setChecksum(MemorySegment s, long off, int checksum) { Bytes.put16(s, off + CHECKSUM, checksum); }
    public static void setUrgentPointer(MemorySegment s, long off, int pointer) { Bytes.put16(s, off + URGENT_POINTER, pointer); }
}
