package net.v6mostly.ndp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;

/**
 * A Neighbor Discovery option (RFC 4861 §4.6): Type, Length in units of 8 octets including the
 * two header octets, then the body. Each record knows its type, its length and how to write
 * itself; {@link NdpOptions#parse} reads them back. Lifetimes are seconds as unsigned 32-bit
 * values held in a {@code long}; {@link #INFINITY} is 0xffffffff.
 */
public sealed interface NdpOption permits NdpOption.SourceLinkLayer, NdpOption.PrefixInformation, NdpOption.Mtu,
        NdpOption.RouteInformation, NdpOption.Rdnss, NdpOption.Dnssl, NdpOption.CaptivePortal, Pref64Option,
        NdpOption.Unknown {
    /** Lifetime 0xffffffff: infinity (RFC 4861 §4.6.2, RFC 8106 §5.1). */
    long INFINITY = 0xFFFF_FFFFL;

    /** The option's Type octet. */
    int type();

    /** The Length octet: the option's size in units of 8 octets. */
    int units();

    /** Writes Type, Length and body ({@code 8 * units()} octets) at the buffer's position. */
    void emit(ByteBuffer out);

    /** Source Link-Layer Address (RFC 4861 §4.6.1), type 1, for Ethernet a 6-octet MAC. */
    record SourceLinkLayer(byte[] address) implements NdpOption {
        public SourceLinkLayer {
            address = address.clone();
            if (address.length == 0 || address.length > 14) {
                throw new IllegalArgumentException("link-layer address must be 1..14 octets, not " + address.length);
            }
        }

        /** Parses {@code aa:bb:cc:dd:ee:ff}. */
        public static SourceLinkLayer parseMac(String text) {
            return new SourceLinkLayer(HexFormat.ofDelimiter(":").parseHex(text.strip()));
        }

        @Override
        public byte[] address() {
            return address.clone();
        }

        public int type() {
            return 1;
        }

        public int units() {
            return (address.length + 2 + 7) / 8;
        }

        public void emit(ByteBuffer out) {
            int start = header(out, this);
            out.put(address);
            pad(out, start, units());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SourceLinkLayer s && java.util.Arrays.equals(s.address, address);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(address);
        }

        @Override
        public String toString() {
            return "SourceLinkLayer[" + HexFormat.ofDelimiter(":").formatHex(address) + "]";
        }
    }

    /**
     * Prefix Information (RFC 4861 §4.6.2), type 3, length 4: the on-link (L) and autonomous
     * address-configuration (A) flags, valid and preferred lifetimes, the prefix.
     */
    record PrefixInformation(Ipv6Prefix prefix, boolean onLink, boolean autonomous, long validLifetime,
            long preferredLifetime) implements NdpOption {
        /** RFC 4861 §6.2.1 default AdvValidLifetime: 30 days. */
        public static final long DEFAULT_VALID = 2_592_000L;
        /** RFC 4861 §6.2.1 default AdvPreferredLifetime: 7 days. */
        public static final long DEFAULT_PREFERRED = 604_800L;

        public PrefixInformation {
            checkU32(validLifetime, "valid lifetime");
            checkU32(preferredLifetime, "preferred lifetime");
            if (Long.compareUnsigned(preferredLifetime, validLifetime) > 0) {
                throw new IllegalArgumentException("preferred lifetime " + preferredLifetime
                        + " exceeds valid lifetime " + validLifetime + " (RFC 4862 §5.5.3 c: hosts ignore the prefix)");
            }
        }

        public int type() {
            return 3;
        }

        public int units() {
            return 4;
        }

        public void emit(ByteBuffer out) {
            header(out, this);
            out.put((byte) prefix.length());
            out.put((byte) ((onLink ? 0x80 : 0) | (autonomous ? 0x40 : 0)));
            out.putInt((int) validLifetime).putInt((int) preferredLifetime).putInt(0);
            out.putLong(prefix.hi()).putLong(prefix.lo());
        }
    }

    /** MTU (RFC 4861 §4.6.4), type 5, length 1. */
    record Mtu(long mtu) implements NdpOption {
        public Mtu {
            checkU32(mtu, "MTU");
        }

        public int type() {
            return 5;
        }

        public int units() {
            return 1;
        }

        public void emit(ByteBuffer out) {
            header(out, this);
            out.putShort((short) 0).putInt((int) mtu);
        }
    }

    /**
     * Route Information (RFC 4191 §2.3), type 24: a more-specific route with its preference;
     * length 1, 2 or 3 as the prefix needs 0, 8 or 16 octets.
     */
    record RouteInformation(Ipv6Prefix prefix, RouterPreference preference, long lifetime) implements NdpOption {
        public RouteInformation {
            checkU32(lifetime, "route lifetime");
        }

        public int type() {
            return 24;
        }

        public int units() {
            return prefix.length() == 0 ? 1 : prefix.length() <= 64 ? 2 : 3;
        }

        public void emit(ByteBuffer out) {
            header(out, this);
            out.put((byte) prefix.length()).put((byte) (preference.bits() << 3)).putInt((int) lifetime);
            if (units() >= 2) {
                out.putLong(prefix.hi());
            }
            if (units() == 3) {
                out.putLong(prefix.lo());
            }
        }
    }

    /** Recursive DNS Server (RFC 8106 §5.1), type 25, length 1 + 2N. */
    record Rdnss(long lifetime, List<Ipv6Address> servers) implements NdpOption {
        public Rdnss {
            checkU32(lifetime, "RDNSS lifetime");
            servers = List.copyOf(servers);
            if (servers.isEmpty() || servers.size() > 127) {
                throw new IllegalArgumentException("RDNSS needs 1..127 addresses (RFC 8106 §5.1), not " + servers.size());
            }
        }

        public int type() {
            return 25;
        }

        public int units() {
            return 1 + 2 * servers.size();
        }

        public void emit(ByteBuffer out) {
            header(out, this);
            out.putShort((short) 0).putInt((int) lifetime);
            for (Ipv6Address a : servers) {
                out.putLong(a.hi()).putLong(a.lo());
            }
        }
    }

    /**
     * DNS Search List (RFC 8106 §5.2), type 31: domain names as uncompressed DNS labels (RFC 1035
     * §3.1), concatenated and zero-padded to a multiple of 8 octets.
     */
    record Dnssl(long lifetime, List<String> domains) implements NdpOption {
        public Dnssl {
            checkU32(lifetime, "DNSSL lifetime");
            domains = List.copyOf(domains);
            if (domains.isEmpty()) {
                throw new IllegalArgumentException("DNSSL needs at least one domain name (RFC 8106 §5.2)");
            }
            for (String d : domains) {
                DnsNames.encode(d);
            }
            if ((8 + encodedLength(domains) + 7) / 8 > 255) {
                throw new IllegalArgumentException("DNSSL domains do not fit one option (255 × 8 octets)");
            }
        }

        private static int encodedLength(List<String> domains) {
            int n = 0;
            for (String d : domains) {
                n += DnsNames.encode(d).length;
            }
            return n;
        }

        public int type() {
            return 31;
        }

        public int units() {
            return (8 + encodedLength(domains) + 7) / 8;
        }

        public void emit(ByteBuffer out) {
            int start = header(out, this);
            out.putShort((short) 0).putInt((int) lifetime);
            for (String d : domains) {
                out.put(DnsNames.encode(d));
            }
            pad(out, start, units());
        }
    }

    /**
     * Captive-Portal (RFC 8910 §2.3), type 37: the API URI (RFC 8908) in ASCII, padded with NUL
     * octets to a multiple of 8.
     */
    record CaptivePortal(String uri) implements NdpOption {
        public CaptivePortal {
            if (uri.isEmpty() || !StandardCharsets.US_ASCII.newEncoder().canEncode(uri) || (uri.length() + 9) / 8 > 255) {
                throw new IllegalArgumentException("captive portal URI must be 1..2000 ASCII characters");
            }
        }

        public int type() {
            return 37;
        }

        public int units() {
            return (2 + uri.length() + 7) / 8;
        }

        public void emit(ByteBuffer out) {
            int start = header(out, this);
            out.put(uri.getBytes(StandardCharsets.US_ASCII));
            pad(out, start, units());
        }
    }

    /** An option this code does not interpret (or one a receiver must ignore), kept as its bytes. */
    record Unknown(int type, byte[] body) implements NdpOption {
        public Unknown {
            body = body.clone();
            if ((body.length + 2) % 8 != 0) {
                throw new IllegalArgumentException("option body must make a multiple of 8 octets");
            }
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        public int units() {
            return (body.length + 2) / 8;
        }

        public void emit(ByteBuffer out) {
            header(out, this);
            out.put(body);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown u && u.type == type && java.util.Arrays.equals(u.body, body);
        }

        @Override
        public int hashCode() {
            return type * 31 + java.util.Arrays.hashCode(body);
        }
    }

    /** Writes Type and Length; returns the option's start. */
    static int header(ByteBuffer out, NdpOption option) {
        int start = out.position();
        out.put((byte) option.type()).put((byte) option.units());
        return start;
    }

    /** Zero-fills up to the option's end. */
    static void pad(ByteBuffer out, int start, int units) {
        while (out.position() < start + 8 * units) {
            out.put((byte) 0);
        }
    }

    private static void checkU32(long value, String what) {
        if (value < 0 || value > INFINITY) {
            throw new IllegalArgumentException(what + " must be 0..4294967295, not " + value);
        }
    }
}
