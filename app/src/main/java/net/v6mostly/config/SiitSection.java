package net.v6mostly.config;

import java.util.ArrayList;
import java.util.List;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.xlat.SiitSettings;
import net.v6mostly.xlat.rfc7757.EamEntry;
import net.v6mostly.xlat.rfc7757.EamTable;

/**
 * Reads the {@code [siit]} table into {@link SiitSettings}: the stateless translator (RFC 7915)
 * with its RFC 6052 prefix and RFC 7757 EAM table. Each key and its default is documented in
 * {@code docs/configuration.md}; absent keys keep the defaults of {@link SiitSettings#builder()}.
 */
public final class SiitSection {
    /** The table name. */
    public static final String NAME = "siit";

    /** Every key the table accepts, in the order the documentation lists them. */
    public static final List<String> KEYS = List.of("pool6", "eam", "eam-hairpin-mode", "rfc6791-v4-pool",
            "rfc6791-v6-pool", "icmp-dummy-source", "ipv4-address", "ipv6-address", "lowest-ipv6-mtu", "mtu4",
            "mtu6", "amend-udp-checksum-zero", "wkp-translate-non-global", "reset-traffic-class", "icmp-errors-46",
            "icmp-errors-64", "icmp-error-rate", "icmp-error-burst", "deny4", "allow6-sources", TunSection.NAME);

    private static final String EAM_EXAMPLE = "{ ipv6 = \"2001:db8:6::/120\", ipv4 = \"192.0.2.0/24\" }";
    private static final SiitSettings DEFAULTS = SiitSettings.builder()
            .pool6(new Rfc6052Prefix(Rfc6052Prefix.WELL_KNOWN)).build();

    private SiitSection() {
    }

    /** Reads the file's {@code [siit]} table, which must exist. */
    public static SiitSettings read(ConfigFile file) throws ConfigException {
        return read(file.require(NAME, "the translator needs at least pool6 or an eam entry"));
    }

    /** Reads and validates {@code s}; every error names the key whose value caused it. */
    public static SiitSettings read(ConfigSection s) throws ConfigException {
        s.checkKeys(KEYS);
        // [siit.tun] belongs to the daemon (TunSection); only its mtu matters here, as the MTU default
        int linkMtu = 0;
        var tun = s.table(TunSection.NAME);
        if (tun.isPresent()) {
            linkMtu = TunSection.mtu(tun.get());
        }
        SiitSettings.Builder b = SiitSettings.builder()
                .pool6(s.parsed("pool6", null, Rfc6052Prefix::parse))
                .eam(eam(s))
                .hairpin(s.choice("eam-hairpin-mode", DEFAULTS.hairpin(), SiitSettings.HairpinMode.class));
        addresses(s, b);
        mtus(s, b, linkMtu);
        policies(s, b);
        AddressLists.read(s, b);
        try {
            return b.build();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw s.error(null, e.getMessage());
        }
    }

    private static void addresses(ConfigSection s, SiitSettings.Builder b) throws ConfigException {
        b.rfc6791v4(s.parsed("rfc6791-v4-pool", null, Ipv4Prefix::parse))
                .rfc6791v6(s.parsed("rfc6791-v6-pool", null, Ipv6Prefix::parse))
                .dummySourceExtension(s.bool("icmp-dummy-source", DEFAULTS.dummySourceExtension()))
                .ownIpv4(s.parsed("ipv4-address", DEFAULTS.ownIpv4(), Ipv4::parse))
                .ownIpv6(s.parsed("ipv6-address", DEFAULTS.ownIpv6(), Ipv6Address::parse));
    }

    /** mtu4 and mtu6 default to {@code [siit.tun] mtu} when that is set ({@code linkMtu} > 0). */
    private static void mtus(ConfigSection s, SiitSettings.Builder b, int linkMtu) throws ConfigException {
        b.lowestIpv6Mtu(s.integer("lowest-ipv6-mtu", DEFAULTS.lowestIpv6Mtu(), 1280, 65535, "RFC 7915 §4.1, RFC 8200 §5"))
                .mtu4(s.integer("mtu4", linkMtu > 0 ? linkMtu : DEFAULTS.mtu4(), 68, 65535, "RFC 791"))
                .mtu6(s.integer("mtu6", linkMtu > 0 ? linkMtu : DEFAULTS.mtu6(), 1280, 65535, "RFC 8200 §5"));
    }

    private static void policies(ConfigSection s, SiitSettings.Builder b) throws ConfigException {
        b.amendUdpZeroChecksum(s.bool("amend-udp-checksum-zero", DEFAULTS.amendUdpZeroChecksum()))
                .wkpNonGlobal(s.bool("wkp-translate-non-global", DEFAULTS.wkpNonGlobal()))
                .resetTrafficClass(s.bool("reset-traffic-class", DEFAULTS.resetTrafficClass()))
                .icmpErrors46(s.bool("icmp-errors-46", DEFAULTS.icmpErrors46()))
                .icmpErrors64(s.bool("icmp-errors-64", DEFAULTS.icmpErrors64()))
                .icmpErrorsPerSecond(s.integer("icmp-error-rate", DEFAULTS.icmpErrorsPerSecond(), 0, 1_000_000,
                        "errors per second, 0 = unlimited"))
                .icmpErrorBurst(s.integer("icmp-error-burst", DEFAULTS.icmpErrorBurst(), 0, 1_000_000, null));
    }

    /** The EAM table: an array of {@code { ipv6 = "...", ipv4 = "..." }} tables (RFC 7757 §3.1). */
    private static EamTable eam(ConfigSection s) throws ConfigException {
        List<EamEntry> entries = new ArrayList<>();
        for (ConfigSection entry : s.tables("eam", EAM_EXAMPLE)) {
            entry.checkKeys(List.of("ipv6", "ipv4"));
            Ipv6Prefix v6 = entry.parsed("ipv6", null, Ipv6Prefix::parse);
            Ipv4Prefix v4 = entry.parsed("ipv4", null, Ipv4Prefix::parse);
            if (v6 == null || v4 == null) {
                throw entry.error(null, "an EAM entry needs both ipv6 and ipv4, e.g. " + EAM_EXAMPLE);
            }
            try {
                entries.add(new EamEntry(v6, v4));
            } catch (IllegalArgumentException e) {
                throw entry.error(null, e.getMessage());
            }
        }
        try {
            return entries.isEmpty() ? EamTable.EMPTY : new EamTable(entries);
        } catch (IllegalArgumentException e) {
            throw s.error("eam", e.getMessage());
        }
    }
}
