package net.v6mostly.xlat;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.xlat.rfc7757.EamTable;

/**
 * Stateless address mapping in both directions (RFC 7915 §6): the EAM table first (RFC 7757 §4),
 * then the RFC 6052 prefix, with the Well-Known Prefix restriction of RFC 6052 §3.1.
 *
 * <p>Allocation-free: a 4→6 result is left in {@link #hi} and {@link #lo}, a 6→4 result in
 * {@link #v4}; the return value says how the address was mapped. One instance per thread. The
 * stateful NAT64 extends it with its session's one-address mapping ({@code rfc6146.SessionMapper}).
 */
public class AddressMapper {
    /** The address matched neither the EAM table nor pool6. */
    public static final int NONE = 0;
    /** The address was mapped by an EAM entry. */
    public static final int BY_EAM = 1;
    /** The address was mapped by the RFC 6052 algorithm. */
    public static final int BY_POOL6 = 2;
    /** The address is non-global and pool6 is the Well-Known Prefix (RFC 6052 §3.1). */
    public static final int WKP_REFUSED = 3;

    private final EamTable eam;
    private final Rfc6052Prefix pool6;
    private final boolean wkpNonGlobal;

    /** First 64 bits of the last 4→6 result. */
    public long hi;
    /** Last 64 bits of the last 4→6 result. */
    public long lo;
    /** The last 6→4 result. */
    public int v4;

    /** Creates a mapper over the settings' EAM table and pool6. */
    public AddressMapper(SiitSettings settings) {
        this.eam = settings.eam();
        this.pool6 = settings.pool6();
        this.wkpNonGlobal = settings.wkpNonGlobal();
    }

    /** Maps an IPv4 address to IPv6: EAM by longest prefix, else pool6 (RFC 7757 §4.1). */
    public int map46(int address) {
        int entry = eam.find4(address);
        if (entry >= 0) {
            hi = eam.mapHi(entry, address);
            lo = eam.mapLo(entry, address);
            return BY_EAM;
        }
        return map46ByPool6(address);
    }

    /** Maps an IPv4 address to IPv6 with pool6 only (used for hairpinned sources, RFC 7757 §4.2). */
    public final int map46ByPool6(int address) {
        if (pool6 == null) {
            return NONE;
        }
        if (pool6.isWellKnown() && !wkpNonGlobal && Ipv4.isNonGlobal(address)) {
            return WKP_REFUSED;
        }
        hi = pool6.embedHi(address);
        lo = pool6.embedLo(address);
        return BY_POOL6;
    }

    /** Maps an IPv6 address to IPv4: EAM by longest prefix, else pool6 (RFC 7757 §4.1). */
    public int map64(long aHi, long aLo) {
        int entry = eam.find6(aHi, aLo);
        if (entry >= 0) {
            v4 = eam.map4(entry, aHi, aLo);
            return BY_EAM;
        }
        if (pool6 == null || !pool6.matches(aHi, aLo)) {
            return NONE;
        }
        int address = pool6.extract(aHi, aLo);
        if (pool6.isWellKnown() && !wkpNonGlobal && Ipv4.isNonGlobal(address)) {
            return WKP_REFUSED;
        }
        v4 = address;
        return BY_POOL6;
    }

    /** Whether {@code address} lies in an EAM entry's IPv4 prefix (hairpin test, RFC 7757 §4.2). */
    public final boolean isEam4(int address) {
        return eam.find4(address) >= 0;
    }
}
