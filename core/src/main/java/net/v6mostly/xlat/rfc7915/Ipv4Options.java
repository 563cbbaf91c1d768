package net.v6mostly.xlat.rfc7915;

import java.lang.foreign.MemorySegment;

import net.v6mostly.wire.Ipv4Option;

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

    private Ipv4Options() {
    }

    /** Walks the options at {@code off..off+len}. */
    public static int scan(MemorySegment s, long off, int len) {
        int i = 0;
        while (i < len) {
            long option = off + i;
            int type = Ipv4Option.type(s, option);
            if (type == Ipv4Option.END_OF_LIST) {
                return OK;
            }
            if (type == Ipv4Option.NO_OPERATION) {
                i++;
                continue;
            }
            if (i + 1 >= len) {
                return MALFORMED;
            }
            int optionLength = Ipv4Option.length(s, option);
            if (optionLength < Ipv4Option.MIN_LENGTH || i + optionLength > len) {
                return MALFORMED;
            }
            if ((type == Ipv4Option.LOOSE_SOURCE_ROUTE || type == Ipv4Option.STRICT_SOURCE_ROUTE)
                    && optionLength > Ipv4Option.POINTER) {
                // RFC 791: "If the pointer is greater than the length, the source route is empty"
                int pointer = Ipv4Option.pointer(s, option);
                if (pointer <= optionLength) {
                    return UNEXPIRED_SOURCE_ROUTE;
                }
            }
            i += optionLength;
        }
        return OK;
    }
}
