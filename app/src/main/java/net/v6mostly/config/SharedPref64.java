package net.v6mostly.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import net.v6mostly.addr.Rfc6052Prefix;

/**
 * The network's NAT64 prefixes (RFC 6052), the one source the RA PREF64 option (RFC 8781), DNS64
 * synthesis (RFC 6147), the ipv4only.arpa answers (RFC 8880) and the translator's pool6 all take
 * (DESIGN.md §5). Read from the top-level {@code [pref64]} table ({@code prefixes = [...]}) when the
 * file has one, else from {@code [siit] pool6}; both present must agree.
 *
 * @param prefixes the prefixes, the first one primary (the one a single-prefix consumer uses)
 * @param source   how errors name where they come from: {@code [pref64] prefixes} or {@code [siit] pool6}
 * @param line     the line of that key, or 0
 */
public record SharedPref64(List<Rfc6052Prefix> prefixes, String source, int line) {
    /** The table name. */
    public static final String NAME = "pref64";
    /** Every key the table accepts. */
    public static final List<String> KEYS = List.of("prefixes");

    public SharedPref64 {
        prefixes = List.copyOf(prefixes);
        if (prefixes.isEmpty()) {
            throw new IllegalArgumentException("at least one prefix");
        }
    }

    /** The first prefix: the one a component that takes a single prefix uses. */
    public Rfc6052Prefix primary() {
        return prefixes.get(0);
    }

    /** Whether {@code p} is one of the prefixes. */
    public boolean contains(Rfc6052Prefix p) {
        return prefixes.contains(p);
    }

    @Override
    public String toString() {
        return source + " " + (prefixes.size() == 1 ? prefixes.get(0).toString() : prefixes.toString());
    }

    /**
     * The file's shared prefixes: {@code [pref64] prefixes}, else {@code [siit] pool6}, else empty.
     *
     * @throws ConfigException when {@code [pref64]} is malformed, or disagrees with {@code [siit] pool6}
     */
    public static Optional<SharedPref64> read(ConfigFile file) throws ConfigException {
        Optional<ConfigSection> table = file.section(NAME);
        Rfc6052Prefix pool6 = null;
        Optional<ConfigSection> siit = file.section(SiitSection.NAME);
        if (siit.isPresent()) {
            pool6 = siit.get().parsed("pool6", null, Rfc6052Prefix::parse);
        }
        if (table.isEmpty()) {
            return pool6 == null ? Optional.empty() : Optional.of(new SharedPref64(List.of(pool6), "[siit] pool6", 0));
        }
        ConfigSection s = table.get();
        s.checkKeys(KEYS);
        List<Rfc6052Prefix> prefixes = s.list("prefixes", List.of(), Rfc6052Prefix::parse);
        if (prefixes.isEmpty()) {
            throw s.error(null, "needs prefixes = [\"64:ff9b::/96\"] (or a network-specific prefix such as"
                    + " \"2001:db8:64::/96\"): the NAT64 prefix RA, DNS64 and NAT64 share");
        }
        List<Rfc6052Prefix> seen = new ArrayList<>();
        for (Rfc6052Prefix p : prefixes) {
            if (seen.contains(p)) {
                throw s.error("prefixes", p + " is listed twice");
            }
            seen.add(p);
        }
        if (pool6 != null && !prefixes.contains(pool6)) {
            throw siit.get().error("pool6", pool6 + " is not among [pref64] prefixes " + prefixes
                    + ": one PREF64 feeds RA, DNS64 and the translator");
        }
        return Optional.of(new SharedPref64(prefixes, "[pref64] prefixes", s.error("prefixes", "").line()));
    }
}
