package net.v6mostly.xlat.rfc6877;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.addr.Rfc6052Prefix;

/**
 * Pref64 discovery from the AAAA answer for {@code ipv4only.arpa} (RFC 7050 §3): the node looks for
 * one of the Well-Known IPv4 Addresses 192.0.0.170 and 192.0.0.171 (§2.2) at each position RFC 6052
 * §2.2 allows, and takes the bits before it as the prefix. Records without a WKA are not used.
 *
 * <p>Checks applied to each record: the u octet (bits 64..71) is zero, as RFC 6052 §2.2 requires of
 * every generated address, and the suffix after the embedded address is zero, as our synthesis
 * (and every DNS64 we know) generates it. The suffix rule also settles RFC 7050 §3's worry about a
 * WKA found at more than one position: the last octet of a WKA (0xAA or 0xAB) is never zero, and every
 * position but /96 needs zero bits where a longer position puts that octet, so at most one position
 * can match. {@code candidates} still returns a list, and a record with two would be skipped.
 */
public final class Rfc7050 {
    /** The Well-Known Name (RFC 7050 §2.1, RFC 8880). */
    public static final String WELL_KNOWN_NAME = "ipv4only.arpa.";
    /** 192.0.0.170 (RFC 7050 §2.2). */
    public static final int WKA_170 = 0xC000_00AA;
    /** 192.0.0.171 (RFC 7050 §2.2). */
    public static final int WKA_171 = 0xC000_00AB;
    /** Re-query this long before the synthetic AAAA's TTL runs out (RFC 7050 §3: "10 seconds"). */
    public static final long REFRESH_MARGIN_SECONDS = 10;
    private static final int[] LENGTHS = {96, 64, 56, 48, 40, 32};

    private Rfc7050() {
    }

    /** The prefixes the answer's AAAA records reveal, each once, in the order of the records. */
    public static List<Rfc6052Prefix> prefixes(List<Ipv6Address> answers) {
        List<List<Rfc6052Prefix>> perRecord = new ArrayList<>();
        for (Ipv6Address a : answers) {
            perRecord.add(candidates(a));
        }
        Set<Rfc6052Prefix> out = new LinkedHashSet<>();
        for (List<Rfc6052Prefix> mine : perRecord) {
            if (mine.size() == 1) {
                out.add(mine.getFirst());
            }
        }
        return List.copyOf(out);
    }

    /** Every RFC 6052 position of {@code a} that holds a WKA, as the prefix in front of it. */
    static List<Rfc6052Prefix> candidates(Ipv6Address a) {
        List<Rfc6052Prefix> out = new ArrayList<>(1);
        for (int length : LENGTHS) {
            Ipv6Prefix masked = new Ipv6Prefix(a.hi() & Ipv6Prefix.maskHi(length), a.lo() & Ipv6Prefix.maskLo(length),
                    length);
            Rfc6052Prefix p;
            try {
                p = new Rfc6052Prefix(masked);
            } catch (IllegalArgumentException e) {
                continue; // a /96 with a non-zero u octet
            }
            if (!p.matches(a.hi(), a.lo()) || (a.lo() & suffixMask(length)) != 0) {
                continue;
            }
            int v4 = p.extract(a.hi(), a.lo());
            if (v4 == WKA_170 || v4 == WKA_171) {
                out.add(p);
            }
        }
        return out;
    }

    /** The bits after the embedded IPv4 address (RFC 6052 §2.2 "suffix"). */
    private static long suffixMask(int length) {
        return switch (length) {
            case 32 -> 0x00FF_FFFF_FFFF_FFFFL;
            case 40 -> 0x0000_FFFF_FFFF_FFFFL;
            case 48 -> 0x0000_00FF_FFFF_FFFFL;
            case 56 -> 0x0000_0000_FFFF_FFFFL;
            case 64 -> 0x0000_0000_00FF_FFFFL;
            default -> 0L;
        };
    }
}
