package net.v6mostly.linux;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv4Prefix;

/**
 * An IPv4 interface address such as {@code 198.51.100.1/24} (host bits set).
 *
 * @param address      the address as an int, network order
 * @param prefixLength the on-link prefix length, 0..32
 */
public record InterfaceAddress4(int address, int prefixLength) implements InterfaceAddress {
    /** Validates the prefix length. */
    public InterfaceAddress4 {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("IPv4 prefix length must be 0..32, not " + prefixLength);
        }
    }

    /** Parses {@code a.b.c.d/len}, or a bare address as a /32. */
    public static InterfaceAddress4 parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return new InterfaceAddress4(Ipv4.parse(text), 32);
        }
        return new InterfaceAddress4(Ipv4.parse(text.substring(0, slash)), length(text, slash));
    }

    static int length(String text, int slash) {
        try {
            return Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an interface address (address/length): '" + text + "'");
        }
    }

    /** The on-link subnet, host bits cleared. */
    public Ipv4Prefix subnet() {
        return new Ipv4Prefix(address & Ipv4.mask(prefixLength), prefixLength);
    }

    @Override
    public int family() {
        return RtnetlinkMessages.AF_INET;
    }

    @Override
    public byte[] addressBytes() {
        return RtnetlinkMessages.bytes(address);
    }

    @Override
    public String toString() {
        return Ipv4.format(address) + "/" + prefixLength;
    }
}
