package net.v6mostly.dns64;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import net.v6mostly.addr.Rfc6052Prefix;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * Local answers for the special-use name {@code ipv4only.arpa} (RFC 8880 §7, RFC 7050 §2.2):
 * never forwarded upstream. A gives the two well-known addresses 192.0.0.170 and 192.0.0.171;
 * AAAA gives them synthesized with every Pref64::/n (RFC 7050 §3 discovery reads these); PTR for
 * {@code 170.0.0.192.in-addr.arpa} and {@code 171.0.0.192.in-addr.arpa} gives
 * {@code ipv4only.arpa}; other types of these names get NODATA, other names below them NXDOMAIN,
 * both with a local SOA for negative caching (RFC 2308 §3).
 */
public final class Ipv4OnlyArpa {
    /** The name. */
    public static final Name NAME = Name.fromConstantString("ipv4only.arpa.");
    /** 192.0.0.170 and 192.0.0.171, the Well-Known IPv4 Addresses (RFC 7050 §2.2). */
    public static final int[] WELL_KNOWN_V4 = {0xC00000AA, 0xC00000AB};
    /** TTL of the A and PTR records (the signed zone's). */
    public static final long TTL = 3600;
    private static final Name REV_170 = ReverseMapping.inAddrArpa(WELL_KNOWN_V4[0]);
    private static final Name REV_171 = ReverseMapping.inAddrArpa(WELL_KNOWN_V4[1]);
    private static final Name REVERSE_ZONE = Name.fromConstantString("0.0.192.in-addr.arpa.");
    private static final long NEGATIVE_TTL = 600;

    private Ipv4OnlyArpa() {
    }

    /** Whether {@code name} is answered here: ipv4only.arpa, the two reverse names, or below them. */
    public static boolean isLocal(Name name) {
        return name.subdomain(NAME) || name.subdomain(REV_170) || name.subdomain(REV_171);
    }

    /**
     * The local answer to {@code query}, or empty when its name is not ours.
     *
     * @param synthesize false for DO+CD queries and no-synthesis clients: AAAA then gets NODATA
     */
    public static Optional<Message> answer(Message query, List<Rfc6052Prefix> prefixes, boolean synthesize) {
        Record q = query.getQuestion();
        Name name = q.getName();
        if (!isLocal(name)) {
            return Optional.empty();
        }
        boolean exact = name.equals(NAME) || name.equals(REV_170) || name.equals(REV_171);
        if (!exact) {
            return Optional.of(Responses.reply(query, Rcode.NXDOMAIN, List.of(), List.of(soa(name))));
        }
        List<Record> answer = records(name, q.getType(), q.getDClass(), prefixes, synthesize);
        return Optional.of(Responses.reply(query, Rcode.NOERROR, answer, answer.isEmpty() ? List.of(soa(name))
                : List.of()));
    }

    private static List<Record> records(Name name, int type, int dclass, List<Rfc6052Prefix> prefixes,
            boolean synthesize) {
        List<Record> out = new ArrayList<>();
        if (dclass != DClass.IN) {
            return out;
        }
        if (name.equals(NAME) && (type == Type.A || type == Type.AAAA && synthesize)) {
            List<Record> a = new ArrayList<>();
            for (int v4 : WELL_KNOWN_V4) {
                a.add(new ARecord(NAME, DClass.IN, TTL, Synthesis.embed4(v4)));
            }
            return type == Type.A ? a : Synthesis.synthesize(a, prefixes, -1);
        }
        if (!name.equals(NAME) && type == Type.PTR) {
            out.add(new PTRRecord(name, DClass.IN, TTL, NAME));
        }
        return out;
    }

    private static Record soa(Name name) {
        Name zone = name.subdomain(NAME) ? NAME : REVERSE_ZONE;
        return new SOARecord(zone, DClass.IN, NEGATIVE_TTL, Name.fromConstantString("localhost."),
                Name.fromConstantString("nobody.invalid."), 1, 3600, 1200, 604800, NEGATIVE_TTL);
    }
}
