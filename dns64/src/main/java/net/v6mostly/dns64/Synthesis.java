package net.v6mostly.dns64;

import java.util.ArrayList;
import java.util.List;

import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.addr.Rfc6052Prefix;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The record arithmetic of RFC 6147 §5.1, free of I/O: which AAAA records count as real (§5.1.1,
 * exclusion set §5.1.4), the synthetic AAAA records built from an A answer with each Pref64::/n
 * (§5.1.7, §5.2, RFC 6052 §2.2), and their TTL (§5.1.7).
 */
public final class Synthesis {
    /**
     * §5.1.7: "If the SOA RR was not delivered with the negative response to the AAAA query, then
     * the DNS64 SHOULD use the TTL of the original A RR or 600 seconds, whichever is shorter."
     */
    public static final long NO_SOA_TTL_CAP = 600;

    private Synthesis() {
    }

    /** Whether {@code rr} is an AAAA record inside one of the {@code exclude} prefixes (§5.1.4). */
    public static boolean isExcluded(Record rr, List<Ipv6Prefix> exclude) {
        if (!(rr instanceof AAAARecord aaaa)) {
            return false;
        }
        // rdata, not getAddress(): InetAddress turns ::ffff:a.b.c.d into a 4-byte Inet4Address
        byte[] b = aaaa.rdataToWireCanonical();
        long hi = AddressSet.toLong(b, 0);
        long lo = AddressSet.toLong(b, 8);
        for (Ipv6Prefix p : exclude) {
            if (p.contains(hi, lo)) {
                return true;
            }
        }
        return false;
    }

    /** The answer section without excluded AAAA records (§5.1.4); other records stay. */
    public static List<Record> withoutExcluded(List<Record> answer, List<Ipv6Prefix> exclude) {
        List<Record> out = new ArrayList<>(answer.size());
        for (Record rr : answer) {
            if (!isExcluded(rr, exclude)) {
                out.add(rr);
            }
        }
        return out;
    }

    /** Whether {@code answer} holds at least one AAAA record (§5.1.1: real AAAA data wins). */
    public static boolean hasAaaa(List<Record> answer) {
        for (Record rr : answer) {
            if (rr.getType() == Type.AAAA) {
                return true;
            }
        }
        return false;
    }

    /**
     * The negative-caching TTL a response carries: the smaller of its authority SOA's TTL and
     * MINIMUM field (RFC 2308 §5), or -1 when there is no SOA (or no response at all).
     */
    public static long negativeTtl(Message response) {
        if (response == null) {
            return -1;
        }
        for (Record rr : response.getSection(Section.AUTHORITY)) {
            if (rr instanceof SOARecord soa) {
                return Math.min(soa.getTTL(), soa.getMinimum());
            }
        }
        return -1;
    }

    /**
     * TTL of a synthetic AAAA record (§5.1.7): the minimum of the A record's TTL and the SOA
     * negative TTL of the AAAA response, or of the A TTL and 600 s when no SOA came with it.
     */
    public static long ttl(long aTtl, long soaNegativeTtl) {
        return Math.min(aTtl, soaNegativeTtl < 0 ? NO_SOA_TTL_CAP : soaNegativeTtl);
    }

    /** The 16 bytes of {@code v4} embedded in {@code prefix} (RFC 6052 §2.2). */
    public static byte[] embed(Rfc6052Prefix prefix, int v4) {
        byte[] out = new byte[16];
        long hi = prefix.embedHi(v4);
        long lo = prefix.embedLo(v4);
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (hi >>> (56 - 8 * i));
            out[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return out;
    }

    /**
     * The answer section of a synthesized response built from the answer section of the A query:
     * CNAME and DNAME records are kept in order (§5.1.3, the client sees the chain), each A record
     * becomes one AAAA per prefix with the same owner and class (§5.1.7); anything else is left out.
     *
     * @param aAnswer        the answer section of the upstream A response
     * @param prefixes       Pref64::/n, at least one
     * @param soaNegativeTtl {@link #negativeTtl} of the AAAA response, or -1
     * @return the records, or an empty list when the A answer held no A record
     */
    public static List<Record> synthesize(List<Record> aAnswer, List<Rfc6052Prefix> prefixes, long soaNegativeTtl) {
        List<Record> chain = new ArrayList<>();
        List<Record> synthetic = new ArrayList<>();
        for (Record rr : aAnswer) {
            if (rr.getType() == Type.CNAME || rr.getType() == Type.DNAME) {
                chain.add(rr);
            } else if (rr instanceof ARecord a && rr.getDClass() == DClass.IN) {
                int v4 = v4(a.getAddress().getAddress());
                long ttl = ttl(a.getTTL(), soaNegativeTtl);
                for (Rfc6052Prefix p : prefixes) {
                    synthetic.add(new AAAARecord(a.getName(), DClass.IN, ttl, embed(p, v4)));
                }
            }
        }
        if (synthetic.isEmpty()) {
            return List.of();
        }
        chain.addAll(synthetic);
        return chain;
    }

    /** The 4 bytes of {@code v4}. */
    static byte[] embed4(int v4) {
        return new byte[] {(byte) (v4 >>> 24), (byte) (v4 >>> 16), (byte) (v4 >>> 8), (byte) v4};
    }

    static int v4(byte[] b) {
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | b[3] & 0xFF;
    }
}
