package net.v6mostly.linux;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * {@code struct nlmsghdr} (netlink(7), {@code <linux/netlink.h>}): the 16-byte header in front of
 * every netlink message, its flags and control types, and {@code NLMSG_ALIGN}. Header fields are in
 * host byte order; these helpers read and write them with {@link #INT} and {@link #SHORT}.
 *
 * <pre>
 *  0               4       6       8               12              16
 * +---------------+-------+-------+---------------+---------------+
 * |  nlmsg_len    | type  | flags |  nlmsg_seq    |  nlmsg_pid    |
 * +---------------+-------+-------+---------------+---------------+
 * </pre>
 */
final class NetlinkHeader {
    /** {@code __u32 nlmsg_len}: length of the message including this header. */
    static final int LEN = 0;
    /** {@code __u16 nlmsg_type}. */
    static final int TYPE = 4;
    /** {@code __u16 nlmsg_flags}. */
    static final int FLAGS = 6;
    /** {@code __u32 nlmsg_seq}. */
    static final int SEQ = 8;
    /** {@code __u32 nlmsg_pid}: the sender's port id (0 for the kernel). */
    static final int PID = 12;
    /** {@code NLMSG_HDRLEN}. */
    static final int LENGTH = 16;

    /** {@code NLMSG_ALIGNTO}. */
    static final int ALIGNTO = 4;

    static final int NLMSG_NOOP = 1;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int NLMSG_OVERRUN = 4;

    static final int NLM_F_REQUEST = 0x01;
    static final int NLM_F_MULTI = 0x02;
    static final int NLM_F_ACK = 0x04;
    static final int NLM_F_DUMP_INTR = 0x10;
    /** {@code NLM_F_ROOT | NLM_F_MATCH}, for GET requests. */
    static final int NLM_F_DUMP = 0x300;
    /** NEW requests: override an existing object. */
    static final int NLM_F_REPLACE = 0x100;
    /** NEW requests: fail with EEXIST when the object exists. */
    static final int NLM_F_EXCL = 0x200;
    /** NEW requests: create the object when it does not exist. */
    static final int NLM_F_CREATE = 0x400;
    /** NLMSG_ERROR flag: the echoed request was cut to its header (NETLINK_CAP_ACK). */
    static final int NLM_F_CAPPED = 0x100;
    /** NLMSG_ERROR flag: extended-ack TLVs follow (NETLINK_EXT_ACK). */
    static final int NLM_F_ACK_TLVS = 0x200;

    /** Host-order unaligned {@code int}, as the kernel writes header fields. */
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.nativeOrder());
    /** Host-order unaligned {@code short}. */
    static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.nativeOrder());

    private NetlinkHeader() {
    }

    /** {@code NLMSG_ALIGN(length)}; {@code RTA_ALIGN} is the same rounding to 4. */
    static int align(int length) {
        return (length + ALIGNTO - 1) & ~(ALIGNTO - 1);
    }

    /** Writes a header at {@code offset}; the length is patched by {@link #setLength} once known. */
    static void write(MemorySegment s, long offset, int length, int type, int flags, int seq) {
        s.set(INT, offset + LEN, length);
        s.set(SHORT, offset + TYPE, (short) type);
        s.set(SHORT, offset + FLAGS, (short) flags);
        s.set(INT, offset + SEQ, seq);
        s.set(INT, offset + PID, 0);
    }

    static void setLength(MemorySegment s, long offset, int length) {
        s.set(INT, offset + LEN, length);
    }

    /** {@code nlmsg_len} as an unsigned value (a huge value must not turn negative). */
    static long length(MemorySegment s, long offset) {
        return Integer.toUnsignedLong(s.get(INT, offset + LEN));
    }

    static int type(MemorySegment s, long offset) {
        return Short.toUnsignedInt(s.get(SHORT, offset + TYPE));
    }

    static int flags(MemorySegment s, long offset) {
        return Short.toUnsignedInt(s.get(SHORT, offset + FLAGS));
    }

    static int seq(MemorySegment s, long offset) {
        return s.get(INT, offset + SEQ);
    }

    /** Name of a control or rtnetlink message type, for error texts. */
    static String typeName(int type) {
        return switch (type) {
            case NLMSG_NOOP -> "NLMSG_NOOP";
            case NLMSG_ERROR -> "NLMSG_ERROR";
            case NLMSG_DONE -> "NLMSG_DONE";
            case NLMSG_OVERRUN -> "NLMSG_OVERRUN";
            default -> RtnetlinkMessages.typeName(type);
        };
    }
}
