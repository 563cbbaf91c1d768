package net.v6mostly.xlat.rfc7915;

import java.lang.foreign.MemorySegment;

import net.v6mostly.wire.Bytes;

/**
 * The one IPv4-options question RFC 7915 §4.1 asks: does the packet carry an unexpired source
 * route? Options are otherwise ignored (§1.2), so this only walks them (RFC 791 §3.1).
 */
public final class Ipv4Options {
    /** No unexpired source route. */
    public static final int OK = 0;
    /** A Loose or Strict Source Route option whose pointer has not passed its end. */
    public static final int UNEXPIRED_SOURCE_ROUTE = 1;
    /** An option length runs past the header or is below 2. */
    public static final int MALFORMED = 2;

    private static final int END_OF_LIST = 0;
    private static final int NO_OPERATION = 1;
    private static final int LOOSE_SOURCE_ROUTE = 131;
    private static final int STRICT_SOURCE_ROUTE = 137;

    private Ipv4Options() {
    }

    /** Walks the options at {@code off..off+len}. */
    public static int scan(MemorySegment s, long off, int len) {
        int i = 0;
        while (i < len) {
            int type = Bytes.u8(s, off + i);
            if (type == END_OF_LIST) {
                return OK;
            }
            if (type == NO_OPERATION) {
                i++;
                continue;
            }
            if (i + 1 >= len) {
                return MALFORMED;
            }
            int optionLength = Bytes.u8(s, off + i + 1);
            if (optionLength < 2 || i + optionLength > len) {
                return MALFORMED;
            }
            if ((type == LOOSE_SOURCE_ROUTE || type == STRICT_SOURCE_ROUTE) && optionLength >= 3) {
                // RFC 791: "If the pointer is greater than the length, the source route is empty"
                int pointer = Bytes.u8(s, off + i + 2);
                if (pointer <= optionLength) {
                    return UNEXPIRED_SOURCE_ROUTE;
                }
            }
            i += optionLength;
        }
        return OK;
    }
}
