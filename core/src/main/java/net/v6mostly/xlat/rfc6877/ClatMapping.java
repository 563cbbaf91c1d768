package net.v6mostly.xlat.rfc6877;

import java.util.List;

import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.xlat.SiitSettings;
import net.v6mostly.xlat.rfc7757.EamEntry;
import net.v6mostly.xlat.rfc7757.EamTable;

/**
 * The CLAT's translation (RFC 6877 §6.1) expressed for the stateless core: the host's IPv4 address
 * (192.0.0.1) maps 1:1 to the CLAT IPv6 address through one EAM entry (RFC 7757), and every other
 * IPv4 address maps to PREF64 + IPv4 (RFC 6052) toward the PLAT. ICMPv6 errors from routers whose
 * addresses have no IPv4 form come out from 192.0.0.8 with the Node Identification Object
 * (draft-ietf-v6ops-icmpext-xlat-v6only-source), as the core does by default.
 *
 * <p>Non-global IPv4 destinations are translated even under the Well-Known Prefix
 * (draft-ietf-v6ops-nat64-wkp-1918 lifts RFC 6052 §3.1's restriction with CLATs in mind): the PLAT
 * decides what it forwards. Hairpinning is off: the CLAT has one IPv6 address, no IPv6 peers.
 */
public final class ClatMapping {
    /** Bytes the 4→6 translation adds: 40 − 20 (RFC 7915 §4). */
    public static final int HEADER_GROWTH = 20;

    private ClatMapping() {
    }

    /**
     * The translator settings.
     *
     * @param pref64 the NAT64 prefix
     * @param clat6  the CLAT IPv6 address
     * @param clat4  the host's IPv4 address behind the CLAT
     * @param mtu6   the uplink's IPv6 MTU; the IPv4 side gets {@code mtu6 - 20}
     */
    public static SiitSettings settings(Rfc6052Prefix pref64, Ipv6Address clat6, int clat4, int mtu6) {
        return settings(pref64, clat6, clat4, mtu6, List.of());
    }

    /**
     * The translator settings of a CE router with a dedicated /64 (RFC 6877 §6.3): besides the
     * host's own entry, each LAN prefix gets an EAM entry into the /64 ({@link #lanEntries}).
     */
    public static SiitSettings settings(Rfc6052Prefix pref64, Ipv6Address clat6, int clat4, int mtu6,
            List<EamEntry> lan) {
        List<EamEntry> entries = new java.util.ArrayList<>();
        entries.add(new EamEntry(new Ipv6Prefix(clat6.hi(), clat6.lo(), 128), new Ipv4Prefix(clat4, 32)));
        entries.addAll(lan);
        EamTable eam = new EamTable(entries);
        return SiitSettings.builder()
                .pool6(pref64)
                .eam(eam)
                .hairpin(SiitSettings.HairpinMode.OFF)
                .ownIpv4(ClatAddresses.TRANSLATOR_IPV4)
                .ownIpv6(clat6)
                .mtu6(mtu6)
                .mtu4(ipv4Mtu(mtu6))
                .wkpNonGlobal(true)
                .build();
    }

    /**
     * The 1:1 mapping of LAN IPv4 prefixes into a dedicated /64 (RFC 6877 §6.3, "a dedicated /64
     * for translation"): {@code a.b.c.d/L} maps to {@code <prefix>::a.b.c.d/(96 + L)}, the IPv4
     * address in the last 32 bits, so every LAN host has its own IPv6 address and no NAT44 is
     * needed. The PLAT side must route the /64 to the CLAT (a delegated prefix).
     */
    public static List<EamEntry> lanEntries(Ipv6Prefix slash64, List<Ipv4Prefix> lan) {
        if (slash64.length() != 64) {
            throw new IllegalArgumentException("the translation prefix must be a /64 (RFC 6877 §6.3), not " + slash64);
        }
        List<EamEntry> out = new java.util.ArrayList<>();
        for (Ipv4Prefix p : lan) {
            out.add(new EamEntry(new Ipv6Prefix(slash64.hi(), p.address() & 0xFFFF_FFFFL, 96 + p.length()), p));
        }
        return List.copyOf(out);
    }

    /** The MTU of the CLAT's IPv4 interface: room for the 20 bytes of the larger header. */
    public static int ipv4Mtu(int mtu6) {
        return mtu6 - HEADER_GROWTH;
    }
}
