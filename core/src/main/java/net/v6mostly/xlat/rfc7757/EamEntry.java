package net.v6mostly.xlat.rfc7757;

import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv6Prefix;

/**
 * One Explicit Address Mapping (RFC 7757 §3.1): an IPv6 prefix and an IPv4 prefix. The IPv4
 * suffix (its host bits) is copied to the bits right after the IPv6 prefix and back (§3.2); when
 * the IPv6 suffix is longer, its remaining bits are zero toward IPv6 and ignored toward IPv4.
 *
 * @param ipv6 the IPv6 side
 * @param ipv4 the IPv4 side
 */
public record EamEntry(Ipv6Prefix ipv6, Ipv4Prefix ipv4) {
    /**
     * Checks that the IPv6 suffix can hold the IPv4 suffix, so every IPv4 address of the entry has
     * its own IPv6 address (RFC 7757 §3.2).
     */
    public EamEntry {
        if (128 - ipv6.length() < 32 - ipv4.length()) {
            throw new IllegalArgumentException("EAM " + ipv6 + " <-> " + ipv4 + ": the IPv6 suffix ("
                    + (128 - ipv6.length()) + " bits) is shorter than the IPv4 suffix (" + (32 - ipv4.length())
                    + " bits); RFC 7757 §3.2 needs an IPv6 prefix of at most /" + (96 + ipv4.length())
                    + " for an IPv4 /" + ipv4.length());
        }
    }

    /** Bit position, counted from the least significant bit of the IPv6 address, of the IPv4 suffix. */
    public int suffixShift() {
        return 128 - ipv6.length() - (32 - ipv4.length());
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
