package net.v6mostly.xlat.rfc7757;

import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv6Prefix;

/**
 * One Explicit Address Mapping (RFC 7757 §3.1): an IPv6 prefix and an IPv4 prefix whose suffixes
 * (the host bits) are copied unchanged from one to the other.
 *
 * @param ipv6 the IPv6 side
 * @param ipv4 the IPv4 side
 */
public record EamEntry(Ipv6Prefix ipv6, Ipv4Prefix ipv4) {
    /**
     * Checks that both suffixes have the same length, so that the mapping is one-to-one and can be
     * reversed (RFC 7757 §3.2).
     */
    public EamEntry {
        if (128 - ipv6.length() != 32 - ipv4.length()) {
            throw new IllegalArgumentException("EAM " + ipv6 + " <-> " + ipv4 + ": the suffix lengths differ ("
                    + (128 - ipv6.length()) + " vs " + (32 - ipv4.length()) + " bits); RFC 7757 §3.2 mapping needs"
                    + " equal suffixes, e.g. an IPv6 /" + (96 + ipv4.length()) + " for an IPv4 /" + ipv4.length());
        }
    }

    /** Parses the two prefixes. */
    public static EamEntry parse(String ipv6, String ipv4) {
        return new EamEntry(Ipv6Prefix.parse(ipv6), Ipv4Prefix.parse(ipv4));
    }

    @Override
    public String toString() {
        return ipv6 + " <-> " + ipv4;
    }
}
