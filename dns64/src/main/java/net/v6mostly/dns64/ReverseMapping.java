package net.v6mostly.dns64;

import java.util.List;
import java.util.Optional;

import net.v6mostly.addr.Rfc6052Prefix;
import org.xbill.DNS.Name;

/**
 * Reverse lookups under a Pref64::/n (RFC 6147 §5.3.1): a PTR query for an ip6.arpa name whose
 * address is IPv4-embedded under one of our prefixes is about the IPv4 address inside it. This
 * class maps the name; {@link Dns64Resolver} answers with a CNAME from the ip6.arpa name to the
 * in-addr.arpa name followed by what upstream says about that name — the "synthesize a CNAME"
 * option of §5.3.1, which BIND and Unbound also take (it invents no PTR data of its own).
 */
public final class ReverseMapping {
    private static final Name IP6_ARPA = Name.fromConstantString("ip6.arpa.");

    private ReverseMapping() {
    }

    /**
     * The in-addr.arpa name for {@code qname}, when {@code qname} is a full 32-nibble ip6.arpa name
     * (RFC 3596 §2.5) of an address under one of {@code prefixes} (RFC 6052 §2.2 extraction).
     */
    public static Optional<Name> toInAddrArpa(Name qname, List<Rfc6052Prefix> prefixes) {
        if (qname.labels() != 35 || !qname.subdomain(IP6_ARPA)) {
            return Optional.empty();
        }
        long hi = 0;
        long lo = 0;
        for (int i = 31; i >= 0; i--) { // label 0 is the least significant nibble
            String label = qname.getLabelString(i);
            if (label.length() != 1) {
                return Optional.empty();
            }
            int nibble = Character.digit(label.charAt(0), 16);
            if (nibble < 0) {
                return Optional.empty();
            }
            int pos = 31 - i; // 0 = most significant nibble
            if (pos < 16) {
                hi = hi << 4 | nibble;
            } else {
                lo = lo << 4 | nibble;
            }
        }
        for (Rfc6052Prefix p : prefixes) {
            if (p.matches(hi, lo)) {
                int v4 = p.extract(hi, lo);
                return Optional.of(inAddrArpa(v4));
            }
        }
        return Optional.empty();
    }

    /** {@code d.c.b.a.in-addr.arpa.} for a.b.c.d (RFC 1035 §3.5). */
    public static Name inAddrArpa(int v4) {
        return Name.fromConstantString((v4 & 0xFF) + "." + (v4 >>> 8 & 0xFF) + "." + (v4 >>> 16 & 0xFF) + "."
                + (v4 >>> 24 & 0xFF) + ".in-addr.arpa.");
    }
}
