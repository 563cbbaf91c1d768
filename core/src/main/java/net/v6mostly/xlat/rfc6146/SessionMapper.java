package net.v6mostly.xlat.rfc6146;

import net.v6mostly.xlat.AddressMapper;
import net.v6mostly.xlat.SiitSettings;

/**
 * The addresses of RFC 6146 §3.6, "Computation of the Outgoing Tuple", as the RFC 7915 step asks
 * for them: the session's IPv6 host X' and its pool4 address T map to each other, every other
 * address through the NAT64 prefix (RFC 6052; the NAT64 has no EAM table). The pair is the
 * session of the packet in hand, set by {@link OutgoingTuple} before each translation (and
 * overwritten by the next): it serves the outer header and the embedded header of an ICMP error
 * alike (§3.7: the outer addresses are the tuple, the inner ones the tuple inverted). One
 * instance per NAT64 thread, never consulted by the stateless translator.
 *
 * <p>The pair is reported as {@link #BY_EAM}: like an EAM entry it is an explicit one-address
 * mapping, so it takes the same RFC 7915 paths.
 */
public final class SessionMapper extends AddressMapper {
    private long hostHi;
    private long hostLo;
    private int pool4Address;

    /** A mapper over the NAT64 prefix of {@code settings}. */
    public SessionMapper(SiitSettings settings) {
        super(settings);
    }

    /** The packet's session: X' ({@code hi:lo}) ↔ T ({@code v4}). */
    public void session(long hi, long lo, int address4) {
        hostHi = hi;
        hostLo = lo;
        pool4Address = address4;
    }

    /** T → X'; any other IPv4 address by the NAT64 prefix. */
    @Override
    public int map46(int address) {
        if (address == pool4Address) {
            hi = hostHi;
            lo = hostLo;
            return BY_EAM;
        }
        return map46ByPool6(address);
    }

    /** X' → T; any other IPv6 address by the NAT64 prefix. */
    @Override
    public int map64(long aHi, long aLo) {
        if (aHi == hostHi && aLo == hostLo) {
            v4 = pool4Address;
            return BY_EAM;
        }
        return super.map64(aHi, aLo);
    }
}
