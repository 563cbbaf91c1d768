package net.v6mostly.config;

import java.util.ArrayList;
import java.util.List;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.ndp.NdpOption;
import net.v6mostly.ndp.RaIntervals;
import net.v6mostly.ndp.RouterPreference;

/** The {@code route}, {@code rdnss} and {@code dnssl} entries of an {@code [[ra.interface]]}. */
final class RaOptionsSection {
    private static final long U32 = 0xFFFF_FFFFL;

    private RaOptionsSection() {
    }

    /** Route Information options (RFC 4191 §2.3). */
    static List<NdpOption> routes(ConfigSection t) throws ConfigException {
        List<NdpOption> out = new ArrayList<>();
        for (ConfigSection r : t.tables("route", "{ prefix = \"2001:db8:5::/48\" }")) {
            r.checkKeys(List.of("prefix", "preference", "lifetime"));
            Ipv6Prefix prefix = r.parsed("prefix", null, Ipv6Prefix::parse);
            if (prefix == null) {
                throw r.error(null, "needs prefix = \"2001:db8:5::/48\"");
            }
            out.add(new NdpOption.RouteInformation(prefix,
                    r.choice("preference", RouterPreference.MEDIUM, RouterPreference.class),
                    r.longInteger("lifetime", 1800, 0, U32, "s, 4294967295 = infinity")));
        }
        return out;
    }

    /** RDNSS options (RFC 8106 §5.1); default lifetime 3 × MaxRtrAdvInterval (§5.1 SHOULD at least that). */
    static List<NdpOption> rdnss(ConfigSection t, RaIntervals intervals) throws ConfigException {
        List<NdpOption> out = new ArrayList<>();
        for (ConfigSection r : t.tables("rdnss", "{ addresses = [\"2001:db8::53\"] }")) {
            r.checkKeys(List.of("addresses", "lifetime"));
            List<Ipv6Address> servers = r.list("addresses", Ipv6Address::parse);
            if (servers.isEmpty()) {
                throw r.error("addresses", "needs at least one IPv6 address, e.g. addresses = [\"2001:db8::53\"]");
            }
            try {
                out.add(new NdpOption.Rdnss(r.longInteger("lifetime", 3L * intervals.max(), 0, U32,
                        "s, 4294967295 = infinity"), servers));
            } catch (IllegalArgumentException e) {
                throw r.error("addresses", e.getMessage());
            }
        }
        return out;
    }

    /** DNSSL options (RFC 8106 §5.2). */
    static List<NdpOption> dnssl(ConfigSection t, RaIntervals intervals) throws ConfigException {
        List<NdpOption> out = new ArrayList<>();
        for (ConfigSection r : t.tables("dnssl", "{ domains = [\"example.com\"] }")) {
            r.checkKeys(List.of("domains", "lifetime"));
            List<String> domains = r.list("domains", String::toString);
            if (domains.isEmpty()) {
                throw r.error("domains", "needs at least one domain, e.g. domains = [\"example.com\"]");
            }
            try {
                out.add(new NdpOption.Dnssl(r.longInteger("lifetime", 3L * intervals.max(), 0, U32,
                        "s, 4294967295 = infinity"), domains));
            } catch (IllegalArgumentException e) {
                throw r.error("domains", e.getMessage());
            }
        }
        return out;
    }
}
