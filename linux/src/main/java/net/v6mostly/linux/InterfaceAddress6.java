package net.v6mostly.linux;

import java.util.Objects;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;

/**
 * An IPv6 interface address such as {@code 2001:db8:1::1/64} (host bits set).
 *
 * @param address      the address
 * @param prefixLength the on-link prefix length, 0..128
 */
public record InterfaceAddress6(Ipv6Address address, int prefixLength) implements InterfaceAddress {
    /** Validates the address and the prefix length. */
    public InterfaceAddress6 {
        Objects.requireNonNull(address, "address");
        if (prefixLength < 0 || prefixLength > 128) {
            throw new IllegalArgumentException("IPv6 prefix length must be 0..128, not " + prefixLength);
        }
    }

    /** Parses {@code addr/len}, or a bare address as a /128. */
    public static InterfaceAddress6 parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return new InterfaceAddress6(Ipv6Address.parse(text), 128);
        }
        return new InterfaceAddress6(Ipv6Address.parse(text.substring(0, slash)),
                InterfaceAddress4.length(text, slash));
    }

    /** The on-link subnet, host bits cleared. */
    public Ipv6Prefix subnet() {
        return new Ipv6Prefix(address.hi() & Ipv6Prefix.maskHi(prefixLength),
                address.lo() & Ipv6Prefix.maskLo(prefixLength), prefixLength);
    }

    @Override
    public int family() {
        return RtnetlinkMessages.AF_INET6;
    }

    @Override
    public byte[] addressBytes() {
        return RtnetlinkMessages.bytes(address.hi(), address.lo());
    }

    @Override
    public String toString() {
        return address + "/" + prefixLength;
    }
}
