package net.v6mostly.xlat;

import static net.v6mostly.xlat.TestPackets.*;

import java.util.List;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv4PrefixSet;
import net.v6mostly.addr.Rfc6052Prefix;

/**
 * The invariants every packet a translator emits must hold, whatever it was fed (the fuzz targets'
 * oracle): a well-formed IP header of the side's version with consistent lengths and a valid IPv4
 * header checksum, a valid transport checksum where it can be required, and never an IPv4 address
 * no translator may use (0/8, 127/8, 224/4, 240/4; DESIGN.md §6) or one of the operator's deny4.
 * Checked with the test's own RFC 1071 code ({@link TestPackets}), not the production checksum.
 */
public final class EmittedInvariants {
    private EmittedInvariants() {
    }

    /**
     * Whether {@code p} is a complete, well-formed packet whose upper-layer checksum verifies: the
     * inputs for which every translated output must verify too (a checksum that was wrong stays
     * wrong: RFC 1624 incremental updates preserve it).
     */
    public static boolean sound(byte[] p) {
        try {
            if (!headerProblems(p).isEmpty()) {
                return false;
            }
            Layers l = layers(p);
            if (l.l4() > p.length || l.isFragment(p)) {
                return false;
            }
            return l4ChecksumValid(p);
        } catch (RuntimeException malformed) {
            return false; // the test parser's own bounds: garbage is simply not sound
        }
    }

    /**
     * Checks one emitted packet.
     *
     * @param side         where it went
     * @param p            its bytes
     * @param pool6        the prefix, to recognise IPv4 addresses embedded in IPv6 sources
     * @param deny4        the operator's deny list
     * @param requireValid whether its transport checksum must verify: an ICMP error the translator
     *                     generated, or the translation of a sound input with complete checksums
     */
    public static void check(Side side, byte[] p, Rfc6052Prefix pool6, Ipv4PrefixSet deny4, boolean requireValid) {
        List<String> problems = headerProblems(p);
        require(problems.isEmpty(), side + " packet malformed: " + problems, p);
        int version = (p[0] & 0xFF) >>> 4;
        require(version == (side == Side.V4 ? 4 : 6), side + " packet of version " + version, p);
        Layers l = layers(p);
        require(l.l4() <= p.length, "upper layer beyond the packet", p);
        if (version == 4) {
            int src = i32(p, 12);
            int dst = i32(p, 16);
            require(!Ipv4.isIllegalDestination(dst), "IPv4 toward forbidden " + Ipv4.format(dst), p);
            require(!deny4.contains(dst), "IPv4 toward deny4 " + Ipv4.format(dst), p);
            require(!Ipv4.isIllegalSource(src), "IPv4 from forbidden " + Ipv4.format(src), p);
        } else {
            long hi = (long) i32(p, 8) << 32 | i32(p, 12) & 0xFFFFFFFFL;
            long lo = (long) i32(p, 16) << 32 | i32(p, 20) & 0xFFFFFFFFL;
            if (pool6 != null && pool6.matches(hi, lo)) {
                int v4 = pool6.extract(hi, lo);
                require(!Ipv4.isIllegalSource(v4), "IPv6 from pool6 + forbidden " + Ipv4.format(v4), p);
                require(!deny4.contains(v4), "IPv6 from pool6 + deny4 " + Ipv4.format(v4), p);
            }
        }
        if (requireValid && !l.isFragment(p)) {
            require(l4ChecksumValid(p), side + " transport checksum (protocol " + l.protocol() + ")", p);
        }
    }

    private static void require(boolean ok, String what, byte[] p) {
        if (!ok) {
            throw new AssertionError(what + ": " + java.util.HexFormat.ofDelimiter(" ").formatHex(p));
        }
    }
}
