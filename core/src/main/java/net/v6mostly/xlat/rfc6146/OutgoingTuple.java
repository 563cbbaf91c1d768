package net.v6mostly.xlat.rfc6146;

import net.v6mostly.xlat.AddressMapper;

/**
 * RFC 6146 §3.6, "Computation of the Outgoing Tuple". Going 6→4 the source (X', x) becomes the BIB
 * entry's (T, t) and the destination is Y, the IPv4 address embedded in the NAT64 prefix; going
 * 4→6 the destination (T, t) becomes (X', x) and the source is Z embedded in the prefix. The
 * addresses reach the RFC 7915 code through the thread's {@link AddressMapper} session mapping
 * (for the outer and the embedded header of ICMP errors alike); the port is left in
 * {@link Tuple#outPort}.
 */
public final class OutgoingTuple {
    private OutgoingTuple() {
    }

    /** 6→4 (§3.6.1, §3.6.2 for ICMP): X' ↔ T, x → t. */
    public static void compute64(Nat64Worker w, Tuple t, AddressMapper mapper) {
        t.outPort = w.port4;
        mapper.sessionMapping(t.hi, t.lo, w.addr4);
    }

    /** 4→6: T ↔ X', t → x. */
    public static void compute46(Nat64Worker w, Tuple t, AddressMapper mapper) {
        t.outPort = w.port6;
        mapper.sessionMapping(w.hi, w.lo, t.addr4);
    }
}
