package net.v6mostly.xlat.rfc6146;

import net.v6mostly.xlat.TranslationState;

/**
 * RFC 6146 §3.6, "Computation of the Outgoing Tuple". Going 6→4 the source (X', x) becomes the BIB
 * entry's (T, t) and the destination is Y, the IPv4 address embedded in the NAT64 prefix; going
 * 4→6 the destination (T, t) becomes (X', x) and the source is Z embedded in the prefix. The
 * addresses and the port or Identifier are handed to the RFC 7915 step in the
 * {@link TranslationState}, which it writes in one checksum update; the thread's
 * {@link SessionMapper} serves the addresses it still maps itself (ICMP errors, outer and
 * embedded, and later fragments). An ICMP error's port lies in its embedded packet and is rewritten before the
 * translation ({@link Translation64}, {@link Translation46}), so none is set for it here.
 */
public final class OutgoingTuple {
    private OutgoingTuple() {
    }

    /** 6→4 (§3.6.1, §3.6.2 for ICMP): X' ↔ T, x → t. */
    public static void compute64(Nat64Worker w, Tuple t, SessionMapper mapper, TranslationState state) {
        t.outPort = w.port4;
        mapper.session(t.hi, t.lo, w.addr4);
        port(t, state);
        if (!t.icmpError) {
            state.addressesGiven = true;
            state.source4 = w.addr4;
            state.destination4 = t.remote4;
        }
    }

    /** 4→6: T ↔ X', t → x. */
    public static void compute46(Nat64Worker w, Tuple t, SessionMapper mapper, TranslationState state) {
        t.outPort = w.port6;
        mapper.session(w.hi, w.lo, t.addr4);
        port(t, state);
        if (!t.icmpError) { // Z', the peer in the NAT64 prefix (its WKP policy checked at extraction)
            mapper.map46ByPool6(t.remote4);
            state.addressesGiven = true;
            state.sourceHi = mapper.hi;
            state.sourceLo = mapper.lo;
            state.destinationHi = w.hi;
            state.destinationLo = w.lo;
        }
    }

    private static void port(Tuple t, TranslationState state) {
        state.portField = t.icmpError ? TranslationState.NO_PORT : t.portField;
        state.outPort = t.outPort;
    }
}
