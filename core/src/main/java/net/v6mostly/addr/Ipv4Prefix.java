package net.v6mostly.addr;

/**
 * An IPv4 prefix {@code address/length} whose host bits are zero.
 *
 * @param address network address as an int
 * @param length  prefix length, 0..32
 */
public record Ipv4Prefix(int address, int length) {
    /** Validates the length and that no bit beyond the prefix length is set. */
    public Ipv4Prefix {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("IPv4 prefix length must be 0..32, not " + length);
        }
        if ((address & ~Ipv4.mask(length)) != 0) {
            throw new IllegalArgumentException("IPv4 prefix " + Ipv4.format(address) + "/" + length
                    + " has host bits set (did you mean " + Ipv4.format(address & Ipv4.mask(length)) + "/"
                    + length + "?)");
        }
    }

    /** Parses {@code a.b.c.d/len}, or a bare address as a /32. */
    public static Ipv4Prefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return new Ipv4Prefix(Ipv4.parse(text), 32);
        }
        int length;
        try {
            length = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an IPv4 prefix: '" + text + "'");
        }
        return new Ipv4Prefix(Ipv4.parse(text.substring(0, slash)), length);
    }

    /** Whether {@code candidate} lies inside this prefix. */
    public boolean contains(int candidate) {
        return (candidate & Ipv4.mask(length)) == address;
    }

    /** Whether the two prefixes share at least one address. */
    public boolean overlaps(Ipv4Prefix other) {
        int shorter = Math.min(length, other.length);
        return ((address ^ other.address) & Ipv4.mask(shorter)) == 0;
    }

    @Override
    public String toString() {
        return Ipv4.format(address) + "/" + length;
    }
}
