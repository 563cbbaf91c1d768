package net.v6mostly.addr;

/**
 * An IPv6 address as two {@code long}s: {@code hi} holds bits 0..63 (the first eight octets),
 * {@code lo} bits 64..127, both in network order. Control-plane value; the packet path works on
 * the two longs directly.
 *
 * @param hi first 64 bits
 * @param lo last 64 bits
 */
public record Ipv6Address(long hi, long lo) {

    /**
     * Parses RFC 4291 §2.2 text: hex groups, one {@code ::}, and an optional dotted-quad tail.
     *
     * @throws IllegalArgumentException naming the text when it is not an IPv6 address
     */
    public static Ipv6Address parse(String text) {
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        String s = text;
        if (s.isEmpty()) {
            throw bad(text);
        }
        int i = 0;
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
            if (s.length() == 2) {
                return new Ipv6Address(0, 0);
            }
        } else if (s.startsWith(":")) {
            throw bad(text);
        }
        while (i < s.length()) {
            int end = s.indexOf(':', i);
            String part = end < 0 ? s.substring(i) : s.substring(i, end);
            if (part.indexOf('.') >= 0) {
                if (end >= 0 || count > 6) {
                    throw bad(text);
                }
                int v4;
                try {
                    v4 = Ipv4.parse(part);
                } catch (IllegalArgumentException e) {
                    throw bad(text);
                }
                groups[count++] = v4 >>> 16;
                groups[count++] = v4 & 0xFFFF;
                break;
            }
            if (part.isEmpty() || part.length() > 4 || count == 8) {
                throw bad(text);
            }
            int value = 0;
            for (int k = 0; k < part.length(); k++) {
                char ch = part.charAt(k);
                // ASCII only: Character.digit also accepts fullwidth and other Unicode digits
                int digit = ch < 0x80 ? Character.digit(ch, 16) : -1;
                if (digit < 0) {
                    throw bad(text);
                }
                value = value << 4 | digit;
            }
            groups[count++] = value;
            if (end < 0) {
                break;
            }
            if (end + 1 < s.length() && s.charAt(end + 1) == ':') {
                if (gap >= 0) {
                    throw bad(text);
                }
                gap = count;
                i = end + 2;
                if (i == s.length()) {
                    break;
                }
            } else {
                i = end + 1;
                if (i == s.length()) {
                    throw bad(text);
                }
            }
        }
        if (gap < 0 && count != 8 || gap >= 0 && count > 7) {
            throw bad(text);
        }
        int[] full = new int[8];
        if (gap < 0) {
            full = groups;
        } else {
            int tail = count - gap;
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        }
        long hi = 0;
        long lo = 0;
        for (int g = 0; g < 4; g++) {
            hi = hi << 16 | full[g];
            lo = lo << 16 | full[g + 4];
        }
        return new Ipv6Address(hi, lo);
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("not an IPv6 address: '" + text + "'");
    }

    /** The 16-bit group {@code index} (0..7). */
    public int group(int index) {
        long word = index < 4 ? hi : lo;
        return (int) (word >>> (48 - 16 * (index & 3))) & 0xFFFF;
    }

    /** RFC 5952 canonical text: lower case, no leading zeros, the longest run of zero groups as {@code ::}. */
    @Override
    public String toString() {
        int bestStart = -1;
        int bestLength = 1;
        for (int g = 0; g < 8; g++) {
            int run = 0;
            while (g + run < 8 && group(g + run) == 0) {
                run++;
            }
            if (run > bestLength) {
                bestStart = g;
                bestLength = run;
            }
        }
        StringBuilder out = new StringBuilder(39);
        for (int g = 0; g < 8; g++) {
            if (g == bestStart) {
                out.append("::");
                g += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(group(g)));
        }
        return out.toString();
    }
}
