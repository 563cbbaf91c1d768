package net.v6mostly.addr;

/**
 * An IPv6 prefix whose bits beyond {@code length} are zero.
 *
 * @param hi     first 64 bits of the network address
 * @param lo     last 64 bits of the network address
 * @param length prefix length, 0..128
 */
public record Ipv6Prefix(long hi, long lo, int length) {
    /** Validates the length and that no bit beyond it is set. */
    public Ipv6Prefix {
        if (length < 0 || length > 128) {
            throw new IllegalArgumentException("IPv6 prefix length must be 0..128, not " + length);
        }
        if ((hi & ~maskHi(length)) != 0 || (lo & ~maskLo(length)) != 0) {
            throw new IllegalArgumentException("IPv6 prefix " + new Ipv6Address(hi, lo) + "/" + length
                    + " has bits set beyond its length (did you mean "
                    + new Ipv6Address(hi & maskHi(length), lo & maskLo(length)) + "/" + length + "?)");
        }
    }

    /** Parses {@code addr/len}, or a bare address as a /128. */
    public static Ipv6Prefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            Ipv6Address a = Ipv6Address.parse(text);
            return new Ipv6Prefix(a.hi(), a.lo(), 128);
        }
        int length;
        try {
            length = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IPv6 prefix: '" + text + "'");
        }
        Ipv6Address a = Ipv6Address.parse(text.substring(0, slash));
        return new Ipv6Prefix(a.hi(), a.lo(), length);
    }

    /** Mask of the first 64 bits for a prefix of {@code length}. */
    public static long maskHi(int length) {
        return length >= 64 ? -1L : length == 0 ? 0L : -1L << (64 - length);
    }

    /** Mask of the last 64 bits for a prefix of {@code length}. */
    public static long maskLo(int length) {
        return length <= 64 ? 0L : length == 128 ? -1L : -1L << (128 - length);
    }

    /** Whether the address {@code (aHi, aLo)} lies inside this prefix. */
    public boolean contains(long aHi, long aLo) {
        return (aHi & maskHi(length)) == hi && (aLo & maskLo(length)) == lo;
    }

    /** Whether the two prefixes share at least one address. */
    public boolean overlaps(Ipv6Prefix other) {
        int shorter = Math.min(length, other.length);
        return ((hi ^ other.hi) & maskHi(shorter)) == 0 && ((lo ^ other.lo) & maskLo(shorter)) == 0;
    }

    /** The network address. */
    public Ipv6Address address() {
        return new Ipv6Address(hi, lo);
    }

    @Override
    public String toString() {
        return address() + "/" + length;
    }
}
