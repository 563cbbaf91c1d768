package net.v6mostly.wire;

import java.lang.foreign.MemorySegment;

/**
 * The ICMP extension structure of RFC 4884 §7 that may follow the original datagram of an ICMP or
 * ICMPv6 error: an extension header (version 2, checksum over the whole structure), then objects,
 * each opening with the object header of §8. Written and read in place by offset.
 *
 * <pre>
 * extension header:
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|      (Reserved)       |           Checksum            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * object header:
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |             Length            |   Class-Num   |   C-Type      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class IcmpExtension {
    /** The version RFC 4884 §7 defines. */
    public static final int VERSION = 2;
    public static final int CHECKSUM = 2;
    /** Length of the extension header. */
    public static final int HEADER = 4;
    /** Offset of the object Length (object header included) within an object. */
    public static final int OBJECT_LENGTH = 0;
    public static final int OBJECT_CLASS_NUM = 2;
    public static final int OBJECT_C_TYPE = 3;
    /** Length of an object header; the object's payload follows. */
    public static final int OBJECT_HEADER = 4;
    /** Address Family Identifier of IPv6 (IANA Address Family Numbers), as RFC 5837 §4.2 uses it. */
    public static final int AFI_IPV6 = 2;
    /** Length of an IP Address Sub-Object holding an IPv6 address (RFC 5837 §4.2). */
    public static final int IPV6_ADDRESS_SUB_OBJECT = 20;

    private IcmpExtension() {
    }

    /** The version nibble of the extension header at {@code off}. */
    public static int version(MemorySegment s, long off) { return Bytes.u8(s, off) >>> 4; }
    public static int checksum(MemorySegment s, long off) { return Bytes.u16(s, off + CHECKSUM); }

    /**
     * Writes a version 2 extension header at {@code off} and fills its checksum over the
     * {@code length} bytes of the structure (header and objects, already in place).
     */
    public static void writeHeader(MemorySegment s, long off, int length) {
        Bytes.put32(s, off, VERSION << 28);
        Bytes.put16(s, off + CHECKSUM, Checksum.finish(Checksum.add(0, s, off, length)));
    }

    /** Writes an object header at {@code off}: the object's whole {@code length}, class and C-Type. */
    public static void writeObjectHeader(MemorySegment s, long off, int length, int classNum, int cType) {
        Bytes.put32(s, off, (length & 0xFFFF) << 16 | (classNum & 0xFF) << 8 | (cType & 0xFF));
    }

    /**
     * Writes an IP Address Sub-Object (RFC 5837 §4.2: AFI, 16 reserved bits, the address) for the
     * IPv6 address {@code (hi, lo)} at {@code off}.
     */
    public static void writeIpv6AddressSubObject(MemorySegment s, long off, long hi, long lo) {
        Bytes.put32(s, off, AFI_IPV6 << 16);
        Bytes.put64(s, off + 4, hi);
        Bytes.put64(s, off + 12, lo);
    }
}
