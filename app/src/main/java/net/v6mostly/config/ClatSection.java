package net.v6mostly.config;

import java.util.List;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.xlat.rfc6877.ClatAddresses;
import net.v6mostly.xlat.rfc6877.ClatMode;
import net.v6mostly.xlat.rfc6877.ClatSettings;

/**
 * Reads the {@code [clat]} table into {@link ClatSettings}: the CLAT of 464XLAT (RFC 6877) on a
 * host. Only {@code interface} is required. Keys and defaults are documented in {@code docs/clat.md}.
 */
public final class ClatSection {
    /** The table name. */
    public static final String NAME = "clat";

    /** Every key the table accepts, in documentation order. */
    public static final List<String> KEYS = List.of("interface", "tun", "mode", "pref64", "ipv6-address",
            "ipv4-address", "rfc7050", "rfc7050-delay-ms", "dns-servers", "default-route-metric", "mtu", "workers",
            "lan-prefixes", "lan-ipv6-prefix");

    /** Defaults of the optional keys. */
    public static final String DEFAULT_TUN = "clat0";
    /** Above the metrics DHCP clients give their routes (dhcpcd 1000 + ifindex, NetworkManager 100..), as clatd. */
    public static final int DEFAULT_METRIC = 2048;
    /** How long to wait for an RA before asking for ipv4only.arpa. */
    public static final int DEFAULT_RFC7050_DELAY_MS = 3000;

    private ClatSection() {
    }

    /** Reads the file's {@code [clat]} table, which must exist. */
    public static ClatSettings read(ConfigFile file) throws ConfigException {
        ConfigSection s = file.require(NAME, "the CLAT needs at least its uplink interface");
        s.checkKeys(KEYS);
        String iface = s.interfaceName("interface", null);
        if (iface == null) {
            throw s.error(null, "interface is required: the IPv6-only uplink, e.g. interface = \"eth0\"");
        }
        int v4 = s.parsed("ipv4-address", ClatAddresses.DEFAULT_IPV4, Ipv4::parse);
        try {
            ClatAddresses.checkIpv4(v4);
        } catch (IllegalArgumentException e) {
            throw s.error("ipv4-address", e.getMessage());
        }
        List<Ipv4Prefix> lan = s.list("lan-prefixes", List.of(), Ipv4Prefix::parse);
        Ipv6Prefix lan6 = s.parsed("lan-ipv6-prefix", null, Ipv6Prefix::parse);
        if (lan6 != null) {
            if (lan.isEmpty()) {
                throw s.error("lan-ipv6-prefix", "needs lan-prefixes: the IPv4 LAN prefixes to translate into it");
            }
            try {
                net.v6mostly.xlat.rfc6877.ClatMapping.lanEntries(lan6, lan);
            } catch (IllegalArgumentException e) {
                throw s.error("lan-ipv6-prefix", e.getMessage());
            }
        }
        return new ClatSettings(iface, s.interfaceName("tun", DEFAULT_TUN), s.choice("mode", ClatMode.AUTO, ClatMode.class),
                s.parsed("pref64", null, Rfc6052Prefix::parse), s.parsed("ipv6-address", null, Ipv6Address::parse), v4,
                s.bool("rfc7050", true),
                s.integer("rfc7050-delay-ms", DEFAULT_RFC7050_DELAY_MS, 0, 600_000, null),
                s.list("dns-servers", List.of(), ClatSection::literal),
                s.integer("default-route-metric", DEFAULT_METRIC, 0, Integer.MAX_VALUE, null),
                s.integer("mtu", 0, 0, 65535, "0 means the uplink's MTU less 20; else at least 1260"),
                s.integer("workers", 1, 1, 64, null), lan, lan6);
    }

    /** Defaults for {@code v6mostly clat --interface IF} without a file. */
    public static ClatSettings defaults(String iface) {
        return new ClatSettings(iface, DEFAULT_TUN, ClatMode.AUTO, null, null, ClatAddresses.DEFAULT_IPV4, true,
                DEFAULT_RFC7050_DELAY_MS, List.of(), DEFAULT_METRIC, 0, 1, List.of(), null);
    }

    private static String literal(String text) {
        if (text.indexOf(':') >= 0) {
            Ipv6Address.parse(text);
        } else {
            Ipv4.parse(text);
        }
        return text;
    }
}
