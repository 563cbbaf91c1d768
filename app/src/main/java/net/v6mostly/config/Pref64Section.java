package net.v6mostly.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.ndp.NdpOption;
import net.v6mostly.ndp.Pref64Option;
import net.v6mostly.ndp.RaIntervals;

/**
 * The {@code pref64} entries of an {@code [[ra.interface]]} (RFC 8781): prefix lengths of RFC 6052
 * §2.2, no bits beyond the length, a lifetime the 13-bit Scaled Lifetime can carry (≤ 65528 s,
 * default 3 × MaxRtrAdvInterval per §4.1), and agreement with the network's shared prefixes
 * ({@link SharedPref64}: {@code [pref64] prefixes} or {@code [siit] pool6}). An interface without
 * {@code pref64} entries advertises every shared prefix.
 */
final class Pref64Section {
    private Pref64Section() {
    }

    static List<NdpOption> read(ConfigSection t, Optional<SharedPref64> shared, RaIntervals intervals,
            int routerLifetime, List<String> warnings) throws ConfigException {
        List<NdpOption> out = new ArrayList<>();
        int defaultLifetime = intervals.defaultPref64Lifetime();
        List<ConfigSection> entries = t.tables("pref64", "{ prefix = \"64:ff9b::/96\" }");
        if (entries.isEmpty() && shared.isPresent()) {
            for (Rfc6052Prefix p : shared.get().prefixes()) {
                out.add(new Pref64Option(p.prefix(), defaultLifetime));
            }
            warnShort(t, null, defaultLifetime, routerLifetime, warnings);
        }
        Rfc6052Prefix pool6 = shared.map(SharedPref64::primary).orElse(null);
        for (ConfigSection p : entries) {
            p.checkKeys(List.of("prefix", "lifetime"));
            Rfc6052Prefix parsed = p.parsed("prefix", pool6, Rfc6052Prefix::parse);
            Ipv6Prefix prefix = parsed == null ? null : parsed.prefix();
            if (prefix == null) {
                throw p.error(null, "needs prefix = \"64:ff9b::/96\" (or a [pref64] or [siit] pool6 to default to)");
            }
            try {
                Pref64Option.plcOf(prefix.length());
            } catch (IllegalArgumentException e) {
                throw p.error("prefix", e.getMessage());
            }
            int lifetime = p.integer("lifetime", defaultLifetime, 0, Pref64Option.MAX_LIFETIME,
                    "8191 × 8 s, the 13-bit Scaled Lifetime of RFC 8781 §4");
            if (shared.isPresent() && lifetime != 0 && !shared.get().contains(parsed)) {
                throw p.error("prefix", "PREF64 " + prefix + " disagrees with " + shared.get()
                        + ": one PREF64 feeds RA, DNS64 and the translator; advertise the pool6, or withdraw an old"
                        + " prefix with lifetime = 0");
            }
            warnShort(p, "lifetime", lifetime, routerLifetime, warnings);
            out.add(new Pref64Option(prefix, lifetime));
        }
        return out;
    }

    /** RFC 8781 §4.1: the PREF64 lifetime should not be shorter than the Router Lifetime. */
    private static void warnShort(ConfigSection p, String key, int lifetime, int routerLifetime, List<String> warnings) {
        if (lifetime != 0 && lifetime < routerLifetime) {
            warnings.add("warning: " + p.error(key, "PREF64 lifetime " + lifetime + " s is shorter than the router"
                    + " lifetime " + routerLifetime + " s; hosts may drop the NAT64 prefix while the router is still"
                    + " their default (RFC 8781 §4.1)").getMessage());
        }
    }
}
