package net.v6mostly.xlat.rfc6146;

import net.v6mostly.xlat.TranslationState;

/**
 * RFC 6146 §3.6, "Computation of the Outgoing Tuple". Going 6→4 the source (X', x) becomes the BIB
 * entry's (T, t) and the destination is Y, the IPv4 address embedded in the NAT64 prefix; going
 * 4→6 the destination (T, t) becomes (X', x) and the source is Z embedded in the prefix. The
 * addresses reach the RFC 7915 step through the thread's {@link SessionMapper} (for the outer and
 * the embedded header of ICMP errors alike); the port or Identifier through the
 * {@link TranslationState}, which the RFC 7915 step writes in the same checksum update as the
 * addresses. An ICMP error's port lies in its embedded packet and is rewritten before the
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
    }

    /** 4→6: T ↔ X', t → x. */
    public static void compute46(Nat64Worker w, Tuple t, SessionMapper mapper, TranslationState state) {
        t.outPort = w.port6;
        mapper.session(w.hi, w.lo, t.addr4);
        port(t, state);
    }

    private static void port(Tuple t, TranslationState state) {
        state.portField = t.icmpError ? TranslationState.NO_PORT : t.portField;
        state.outPort = t.outPort;
    }
}
