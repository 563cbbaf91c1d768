package net.v6mostly.addr;

/**
 * IPv4 addresses as primitive {@code int}s (network byte order, most significant octet first), with
 * parsing, formatting and the special-purpose ranges the translator must recognise.
 *
 * <p>The packet path never builds an {@code InetAddress}: addresses stay in registers.
 */
public final class Ipv4 {
    /** The IPv4 dummy address (RFC 7600, IANA special-purpose registry), used by
     * draft-ietf-v6ops-icmpext-xlat-v6only-source as the source of untranslatable ICMP errors. */
    public static final int DUMMY = 0xC0000008;

    private Ipv4() {
    }

    /**
     * Parses dotted-quad text ({@code 192.0.2.1}).
     *
     * @throws IllegalArgumentException naming the text when it is not exactly four decimal octets
     */
    public static int parse(String text) {
        int value = 0;
        int octets = 0;
        int current = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c == '.') {
                if (current < 0 || octets == 4) {
                    throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
                }
                value = (value << 8) | current;
                octets++;
                current = -1;
            } else if (c >= '0' && c <= '9') {
                if (current == 0) {
                    throw new IllegalArgumentException("not an IPv4 address (leading zero): '" + text + "'");
                }
                current = (current < 0 ? 0 : current * 10) + (c - '0');
                if (current > 255) {
                    throw new IllegalArgumentException("not an IPv4 address (octet > 255): '" + text + "'");
                }
            } else {
                throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
            }
        }
        if (octets != 4) {
            throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
        }
        return value;
    }

    /** Dotted-quad text of {@code address}. */
    public static String format(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "."
                + (address & 0xFF);
    }

    /** Network mask of a prefix length 0..32 as an int. */
    public static int mask(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    /**
     * Whether {@code address} may not appear as the source of a translated packet (RFC 7915 §4.1,
     * RFC 1812 §5.3.7): 0.0.0.0/8, 127.0.0.0/8, 224.0.0.0/4 (multicast), 240.0.0.0/4 (reserved,
     * including the limited broadcast address).
     */
    public static boolean isIllegalSource(int address) {
        int first = address >>> 24;
        return first == 0 || first == 127 || first >= 224;
    }

    /** Whether {@code address} may not be a translated destination: multicast, reserved, loopback, this-network. */
    public static boolean isIllegalDestination(int address) {
        return isIllegalSource(address);
    }

    /**
     * Whether {@code address} is not globally reachable, per the IANA IPv4 Special-Purpose Address
     * Registry (RFC 6890 and its updates). RFC 6052 §3.1 forbids representing such addresses with
     * the Well-Known Prefix 64:ff9b::/96.
     */
    public static boolean isNonGlobal(int a) {
        return in(a, 0x00000000, 8)          // 0.0.0.0/8 "this network" (RFC 791)
                || in(a, 0x0A000000, 8)      // 10.0.0.0/8 private (RFC 1918)
                || in(a, 0x64400000, 10)     // 100.64.0.0/10 shared (RFC 6598)
                || in(a, 0x7F000000, 8)      // 127.0.0.0/8 loopback (RFC 1122)
                || in(a, 0xA9FE0000, 16)     // 169.254.0.0/16 link local (RFC 3927)
                || in(a, 0xAC100000, 12)     // 172.16.0.0/12 private (RFC 1918)
                || (in(a, 0xC0000000, 24)    // 192.0.0.0/24 IETF assignments (RFC 6890),
                    && a != 0xC0000009      //   except 192.0.0.9/32 (RFC 7723) and
                    && a != 0xC000000A)     //   192.0.0.10/32 (RFC 8155), which are global
                || in(a, 0xC0000200, 24)     // 192.0.2.0/24 TEST-NET-1 (RFC 5737)
                || in(a, 0xC0A80000, 16)     // 192.168.0.0/16 private (RFC 1918)
                || in(a, 0xC6120000, 15)     // 198.18.0.0/15 benchmarking (RFC 2544)
                || in(a, 0xC6336400, 24)     // 198.51.100.0/24 TEST-NET-2 (RFC 5737)
                || in(a, 0xCB007100, 24)     // 203.0.113.0/24 TEST-NET-3 (RFC 5737)
                || in(a, 0xF0000000, 4);     // 240.0.0.0/4 reserved, incl. 255.255.255.255
    }

    /** Whether {@code address} lies in {@code network/length}. */
    public static boolean in(int address, int network, int length) {
        int m = mask(length);
        return (address & m) == (network & m);
    }
}
