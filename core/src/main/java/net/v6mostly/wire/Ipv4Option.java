package net.v6mostly.wire;

import java.lang.foreign.MemorySegment;

/**
 * One IPv4 option (RFC 791 §3.1, "Options"), read in place by offset: either a single type octet
 * (End of Option List, No Operation) or type, length (counting type and length) and data. The
 * route options (Loose and Strict Source Route, Record Route) start their data with a pointer
 * octet, counted from the option's first octet, to the next route address.
 *
 * <pre>
 * +--------+--------+--------+---------//--------+
 * |  type  | length | pointer|     route data    |
 * +--------+--------+--------+---------//--------+
 * </pre>
 */
public final class Ipv4Option {
    public static final int TYPE = 0;
    public static final int LENGTH = 1;
    /** The pointer octet of the route options. */
    public static final int POINTER = 2;
    /** Smallest value of the length octet: type and length alone. */
    public static final int MIN_LENGTH = 2;

    // ---- option types (RFC 791 §3.1)
    public static final int END_OF_LIST = 0;
    public static final int NO_OPERATION = 1;
    public static final int RECORD_ROUTE = 7;
    public static final int LOOSE_SOURCE_ROUTE = 131;
    public static final int STRICT_SOURCE_ROUTE = 137;

    private Ipv4Option() {
    }

    public static int type(MemorySegment s, long off) { return Bytes.u8(s, off + TYPE); }
    /** The length octet: the whole option, type and length included. */
    public static int length(MemorySegment s, long off) { return Bytes.u8(s, off + LENGTH); }
    /** The pointer octet of a route option. */
    public static int pointer(MemorySegment s, long off) { return Bytes.u8(s, off + POINTER); }
}
