package net.v6mostly.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.ndp.NdpOption;
import net.v6mostly.ndp.RaInterfaceSettings;
import net.v6mostly.ndp.RaIntervals;
import net.v6mostly.ndp.RouterAdvertisement;
import net.v6mostly.ndp.RouterPreference;

/**
 * Reads the {@code [ra]} table: one {@code [[ra.interface]]} per advertising interface, each with
 * the router variables of RFC 4861 §6.2.1 and the options to advertise (PIO, MTU, RDNSS, DNSSL,
 * Route Information, PREF64, Captive Portal). Documented in {@code docs/ra.md}.
 *
 * <p>One PREF64 for the whole network (DESIGN.md §5): when the file has a {@code [siit]} pool6, an
 * interface without {@code pref64} advertises it, and a {@code pref64} with a non-zero lifetime
 * that differs from it is refused.
 */
public final class RaSection {
    /** The table name. */
    public static final String NAME = "ra";
    static final List<String> KEYS = List.of("interface");
    static final List<String> INTERFACE_KEYS = List.of("name", "max-interval", "min-interval", "managed", "other",
            "router-lifetime", "reachable-time", "retrans-timer", "hop-limit", "preference", "mtu", "source-link-layer",
            "captive-portal", "prefix", "rdnss", "dnssl", "route", "pref64");
    private static final String INTERFACE_EXAMPLE = "[[ra.interface]] name = \"eth1\"";
    private static final long U32 = 0xFFFF_FFFFL;

    private RaSection() {
    }

    /** Reads the file's {@code [ra]} table, which must exist, with the shared PREF64 ({@link SharedPref64}) if any. */
    public static RaConfig read(ConfigFile file) throws ConfigException {
        ConfigSection ra = file.require(NAME, "the RA sender needs at least one [[ra.interface]]");
        return read(ra, SharedPref64.read(file));
    }

    /** Reads {@code s}; {@code pool6} (may be null) is the translator's prefix the PREF64 must match. */
    public static RaConfig read(ConfigSection s, Rfc6052Prefix pool6) throws ConfigException {
        return read(s, Optional.ofNullable(pool6).map(p -> new SharedPref64(List.of(p), "[siit] pool6", 0)));
    }

    /** Reads {@code s}; every non-withdrawn PREF64 must be one of {@code shared}, which interfaces default to. */
    public static RaConfig read(ConfigSection s, Optional<SharedPref64> shared) throws ConfigException {
        s.checkKeys(KEYS);
        List<ConfigSection> tables = s.tables("interface", INTERFACE_EXAMPLE);
        if (tables.isEmpty()) {
            throw s.error(null, "needs at least one [[ra.interface]] table, e.g. " + INTERFACE_EXAMPLE);
        }
        if (tables.size() > RaInterfaceSettings.MAX_PER_SENDER) {
            throw s.error("interface", tables.size() + " [[ra.interface]] tables; one sender serves at most "
                    + RaInterfaceSettings.MAX_PER_SENDER);
        }
        List<RaInterfaceSettings> out = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigSection t : tables) {
            RaInterfaceSettings settings = readInterface(t, shared, warnings);
            if (!names.add(settings.name())) {
                throw t.error("name", "interface '" + settings.name() + "' is configured twice");
            }
            out.add(settings);
        }
        return new RaConfig(out, warnings);
    }

    /**
     * The error of each {@code [[ra.interface]]} entry checked on its own, for check-config, which
     * lists them all ({@link #read} stops at the first).
     */
    public static List<ConfigException> interfaceErrors(ConfigSection s, Optional<SharedPref64> shared) {
        List<ConfigException> out = new ArrayList<>();
        try {
            for (ConfigSection t : s.tables("interface", INTERFACE_EXAMPLE)) {
                try {
                    readInterface(t, shared, new ArrayList<>());
                } catch (ConfigException e) {
                    out.add(e);
                }
            }
        } catch (ConfigException e) {
            out.add(e);
        }
        return out;
    }

    private static RaInterfaceSettings readInterface(ConfigSection t, Optional<SharedPref64> pool6, List<String> warnings)
            throws ConfigException {
        t.checkKeys(INTERFACE_KEYS);
        String name = t.interfaceName("name", null);
        if (name == null) {
            throw t.error(null, "needs name = \"<interface>\"");
        }
        RaIntervals intervals = intervals(t);
        int lifetime = t.integer("router-lifetime", intervals.defaultRouterLifetime(), 0, 9000, "RFC 4861 §6.2.1");
        if (lifetime != 0 && lifetime < intervals.max()) {
            throw t.error("router-lifetime", "must be 0 or between max-interval (" + intervals.max()
                    + ") and 9000 s (RFC 4861 §6.2.1), not " + lifetime);
        }
        List<NdpOption> options = new ArrayList<>();
        options.addAll(prefixes(t));
        if (t.has("mtu")) {
            options.add(new NdpOption.Mtu(t.integer("mtu", 0, 1280, 65535, "RFC 8200 §5")));
        }
        options.addAll(RaOptionsSection.routes(t));
        options.addAll(RaOptionsSection.rdnss(t, intervals));
        options.addAll(RaOptionsSection.dnssl(t, intervals));
        options.addAll(Pref64Section.read(t, pool6, intervals, lifetime, warnings));
        NdpOption.CaptivePortal portal = t.parsed("captive-portal", null, NdpOption.CaptivePortal::new);
        if (portal != null) {
            options.add(portal);
        }
        RouterAdvertisement ra;
        try {
            ra = new RouterAdvertisement(t.integer("hop-limit", 64, 0, 255, "RFC 4861 §4.2"), t.bool("managed", false),
                    t.bool("other", false), t.choice("preference", RouterPreference.MEDIUM, RouterPreference.class),
                    lifetime, t.longInteger("reachable-time", 0, 0, 3_600_000, "ms, RFC 4861 §6.2.1"),
                    t.longInteger("retrans-timer", 0, 0, U32, "ms"), options);
            if (ra.size() + 40 > 1280) {
                throw t.error(null, "the RA would be " + (ra.size() + 40) + " octets with its IPv6 header; keep it"
                        + " within the minimum MTU of 1280 (RFC 8200 §5)");
            }
            return new RaInterfaceSettings(name, intervals, ra, t.bool("source-link-layer", true));
        } catch (IllegalArgumentException e) {
            throw t.error(null, e.getMessage());
        }
    }

    private static RaIntervals intervals(ConfigSection t) throws ConfigException {
        int max = t.integer("max-interval", RaIntervals.DEFAULT_MAX, 4, 1800, "MaxRtrAdvInterval, RFC 4861 §6.2.1");
        if (!t.has("min-interval")) {
            return RaIntervals.ofMax(max);
        }
        int min = t.integer("min-interval", 0, 3, 1350, "MinRtrAdvInterval, RFC 4861 §6.2.1");
        try {
            return new RaIntervals(min, max);
        } catch (IllegalArgumentException e) {
            throw t.error("min-interval", e.getMessage());
        }
    }

    private static List<NdpOption> prefixes(ConfigSection t) throws ConfigException {
        List<NdpOption> out = new ArrayList<>();
        for (ConfigSection p : t.tables("prefix", "{ prefix = \"2001:db8:1::/64\" }")) {
            p.checkKeys(List.of("prefix", "on-link", "autonomous", "valid-lifetime", "preferred-lifetime"));
            Ipv6Prefix prefix = p.parsed("prefix", null, Ipv6Prefix::parse);
            if (prefix == null) {
                throw p.error(null, "needs prefix = \"2001:db8:1::/64\"");
            }
            boolean autonomous = p.bool("autonomous", true);
            if (autonomous && prefix.length() != 64) {
                throw p.error("autonomous", "SLAAC needs a /64 on Ethernet (RFC 4862 §5.5.3 d, RFC 2464 §4); set"
                        + " autonomous = false for " + prefix);
            }
            long valid = p.longInteger("valid-lifetime", NdpOption.PrefixInformation.DEFAULT_VALID, 0, U32,
                    "s, 4294967295 = infinity");
            long preferred = p.longInteger("preferred-lifetime", Math.min(valid,
                    NdpOption.PrefixInformation.DEFAULT_PREFERRED), 0, U32, "s, 4294967295 = infinity");
            try {
                out.add(new NdpOption.PrefixInformation(prefix, p.bool("on-link", true), autonomous, valid, preferred));
            } catch (IllegalArgumentException e) {
                throw p.error("preferred-lifetime", e.getMessage());
            }
        }
        return out;
    }

}
