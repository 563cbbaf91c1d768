package net.v6mostly.linux;

/**
 * An address assigned to an interface together with the length of its on-link prefix, as
 * {@code ip address add 198.51.100.1/24} takes it: unlike a prefix, the host bits are the point.
 */
public sealed interface InterfaceAddress permits InterfaceAddress4, InterfaceAddress6 {

    /** Prefix length of the on-link subnet. */
    int prefixLength();

    /** {@code AF_INET} (2) or {@code AF_INET6} (10). */
    int family();

    /** The address in network byte order: 4 or 16 bytes. */
    byte[] addressBytes();

    /** Parses {@code 198.51.100.1/24} or {@code 2001:db8:1::1/64}; a bare address is a host (/32, /128). */
    static InterfaceAddress parse(String text) {
        return text.indexOf(':') >= 0 ? InterfaceAddress6.parse(text) : InterfaceAddress4.parse(text);
    }
}
