package net.v6mostly.config;

import java.util.List;

import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv4PrefixSet;
import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.addr.Ipv6PrefixSet;
import net.v6mostly.xlat.SiitSettings;

/**
 * The operator's address lists of {@code [siit]} and {@code [nat64]} (DESIGN.md §6): {@code deny4},
 * IPv4 networks the translator never reaches nor hears from, and {@code allow6-sources}, the only
 * IPv6 sources it translates to IPv4. Read the same way in both tables so the gateway and the
 * standalone daemons agree; errors name the key, the element and the line.
 */
final class AddressLists {
    /** The keys, in the order the documentation lists them. */
    static final List<String> KEYS = List.of("deny4", "allow6-sources");

    private AddressLists() {
    }

    /** Reads both lists of {@code s} into {@code b}. */
    static void read(ConfigSection s, SiitSettings.Builder b) throws ConfigException {
        List<Ipv4Prefix> deny4 = s.parsedList("deny4", Ipv4Prefix::parse);
        if (deny4.size() > Ipv4PrefixSet.MAX_PREFIXES) {
            throw s.error("deny4", "at most " + Ipv4PrefixSet.MAX_PREFIXES + " prefixes, not " + deny4.size());
        }
        List<Ipv6Prefix> allow6 = s.parsedList("allow6-sources", Ipv6Prefix::parse);
        if (s.has("allow6-sources") && allow6.isEmpty()) {
            throw s.error("allow6-sources", "an empty list would admit every source: list the prefixes of the"
                    + " networks the translator serves, e.g. [\"2001:db8:1::/48\"], or remove the key");
        }
        if (allow6.size() > Ipv6PrefixSet.MAX_PREFIXES) {
            throw s.error("allow6-sources", "at most " + Ipv6PrefixSet.MAX_PREFIXES + " prefixes, not "
                    + allow6.size());
        }
        for (Ipv6Prefix p : allow6) {
            if (p.length() >= 8 && (p.hi() >>> 56) == 0xFF) {
                throw s.error("allow6-sources", p + " is multicast: a multicast address is never a source"
                        + " (RFC 4291 §2.7)");
            }
        }
        b.deny4(new Ipv4PrefixSet(deny4)).allow6Sources(new Ipv6PrefixSet(allow6));
    }
}
