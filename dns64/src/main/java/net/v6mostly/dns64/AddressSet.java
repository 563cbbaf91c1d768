package net.v6mostly.dns64;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.addr.Ipv6Prefix;

/**
 * A set of IPv4 and IPv6 prefixes that client addresses are matched against: {@code allow-clients}
 * (who may use the resolver at all, RFC 5358 §4) and {@code no-synthesis-clients} (dual-stack hosts
 * that must see only real AAAA data). An IPv4-mapped IPv6 source (a dual-stack socket) is matched
 * as the IPv4 address it carries.
 */
public record AddressSet(List<Ipv4Prefix> v4, List<Ipv6Prefix> v6) {
    /** The empty set. */
    public static final AddressSet EMPTY = new AddressSet(List.of(), List.of());
    /** 127.0.0.0/8 and ::1/128. */
    public static final AddressSet LOOPBACK = parse(List.of("127.0.0.0/8", "::1/128"));

    /** Copies the lists. */
    public AddressSet {
        v4 = List.copyOf(v4);
        v6 = List.copyOf(v6);
    }

    /**
     * Parses prefixes such as {@code 192.0.2.0/24}, {@code 2001:db8::/48} or a bare address.
     *
     * @throws IllegalArgumentException naming the first entry that is not a prefix
     */
    public static AddressSet parse(List<String> prefixes) {
        List<Ipv4Prefix> v4 = new ArrayList<>();
        List<Ipv6Prefix> v6 = new ArrayList<>();
        for (String p : prefixes) {
            String text = p.strip();
            if (text.indexOf(':') >= 0) {
                v6.add(Ipv6Prefix.parse(text.contains("/") ? text : text + "/128"));
            } else {
                v4.add(Ipv4Prefix.parse(text.contains("/") ? text : text + "/32"));
            }
        }
        return new AddressSet(v4, v6);
    }

    /** This set and {@code other} together. */
    public AddressSet plus(AddressSet other) {
        List<Ipv4Prefix> a = new ArrayList<>(v4);
        a.addAll(other.v4);
        List<Ipv6Prefix> b = new ArrayList<>(v6);
        b.addAll(other.v6);
        return new AddressSet(a, b);
    }

    /** Whether {@code address} falls inside one of the prefixes. */
    public boolean contains(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            long hi = toLong(b, 0);
            long lo = toLong(b, 8);
            if (hi == 0 && (lo >>> 32) == 0xFFFFL) {
                return containsV4((int) lo);
            }
            for (Ipv6Prefix p : v6) {
                if (p.contains(hi, lo)) {
                    return true;
                }
            }
            return false;
        }
        return address instanceof Inet4Address && containsV4(
                (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | b[3] & 0xFF);
    }

    private boolean containsV4(int a) {
        for (Ipv4Prefix p : v4) {
            if (p.contains(a)) {
                return true;
            }
        }
        return false;
    }

    static long toLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | b[off + i] & 0xFF;
        }
        return v;
    }

    @Override
    public String toString() {
        List<String> all = new ArrayList<>();
        v4.forEach(p -> all.add(p.toString()));
        v6.forEach(p -> all.add(p.toString()));
        return String.join(", ", all);
    }
}
