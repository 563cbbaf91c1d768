package net.v6mostly.linux;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * {@code struct rtattr} (rtnetlink(7) "Routing attributes", {@code <linux/rtnetlink.h>}): the
 * type-length-value attributes after each rtnetlink struct, each padded to {@code RTA_ALIGN}.
 * Writing appends at an offset and returns the next one; reading walks a bounded region and refuses
 * any length that is shorter than the 4-byte header or runs past the region, so a malformed
 * attribute can neither loop nor read outside the message.
 *
 * <pre>
 *  0       2       4
 * +-------+-------+---------------------+---------+
 * |rta_len|rta_type| value (rta_len - 4) | padding |
 * +-------+-------+---------------------+---------+
 * </pre>
 */
final class NetlinkAttributes {
    /** {@code __u16 rta_len}: header plus value, without the trailing padding. */
    static final int RTA_LEN = 0;
    /** {@code __u16 rta_type}. */
    static final int RTA_TYPE = 2;
    /** {@code RTA_LENGTH(0)}. */
    static final int HEADER = 4;

    private NetlinkAttributes() {
    }

    /** Appends an attribute with raw {@code value} bytes at {@code offset}; returns the aligned end. */
    static int put(MemorySegment s, int offset, int type, byte[] value) {
        int length = HEADER + value.length;
        s.set(NetlinkHeader.SHORT, offset + RTA_LEN, (short) length);
        s.set(NetlinkHeader.SHORT, offset + RTA_TYPE, (short) type);
        MemorySegment.copy(value, 0, s, ValueLayout.JAVA_BYTE, offset + HEADER, value.length);
        int end = offset + NetlinkHeader.align(length);
        s.asSlice(offset + length, end - offset - length).fill((byte) 0);
        return end;
    }

    /** Appends a host-order {@code __u32} attribute; returns the aligned end. */
    static int putInt(MemorySegment s, int offset, int type, int value) {
        s.set(NetlinkHeader.SHORT, offset + RTA_LEN, (short) (HEADER + 4));
        s.set(NetlinkHeader.SHORT, offset + RTA_TYPE, (short) type);
        s.set(NetlinkHeader.INT, offset + HEADER, value);
        return offset + HEADER + 4;
    }

    /** Receives each attribute of a walk. */
    @FunctionalInterface
    interface Visitor {
        /** {@code value} is a slice holding exactly the attribute's value bytes. */
        void attribute(int type, MemorySegment value) throws NetlinkFormatException;
    }

    /**
     * Walks the attributes in {@code [offset, end)} of {@code s}.
     *
     * @param where names the enclosing message in error texts, e.g. "RTM_NEWADDR"
     * @throws NetlinkFormatException when an attribute is cut short or its length is impossible
     */
    static void walk(MemorySegment s, long offset, long end, String where, Visitor visitor)
            throws NetlinkFormatException {
        long at = offset;
        while (end - at >= HEADER) {
            int length = Short.toUnsignedInt(s.get(NetlinkHeader.SHORT, at + RTA_LEN));
            int type = Short.toUnsignedInt(s.get(NetlinkHeader.SHORT, at + RTA_TYPE));
            if (length < HEADER) {
                throw new NetlinkFormatException(where + ": attribute type " + type + " at offset " + at
                        + " has rta_len " + length + ", less than its 4-byte header");
            }
            if (length > end - at) {
                throw new NetlinkFormatException(where + ": attribute type " + type + " at offset " + at
                        + " has rta_len " + length + " but only " + (end - at) + " bytes remain");
            }
            visitor.attribute(type, s.asSlice(at + HEADER, length - HEADER));
            at += NetlinkHeader.align(length);
        }
        if (at < end) {
            throw new NetlinkFormatException(where + ": " + (end - at) + " trailing bytes at offset " + at
                    + " are too short for an attribute header");
        }
    }

    /** The value as a host-order {@code __u32}, checking its size. */
    static int u32(MemorySegment value, String where, int type) throws NetlinkFormatException {
        if (value.byteSize() != 4) {
            throw new NetlinkFormatException(where + ": attribute type " + type + " should hold 4 bytes, not "
                    + value.byteSize());
        }
        return value.get(NetlinkHeader.INT, 0);
    }

    /** The value as a NUL-terminated string (IFLA_IFNAME, IFA_LABEL, NLMSGERR_ATTR_MSG). */
    static String string(MemorySegment value) {
        byte[] bytes = value.toArray(ValueLayout.JAVA_BYTE);
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }
}
