package net.v6mostly.ndp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.addr.Ipv6Prefix;

/** Reads and writes the option area of a Neighbor Discovery message (RFC 4861 §4.6). */
public final class NdpOptions {
    private NdpOptions() {
    }

    /** The total size in octets of {@code options} on the wire. */
    public static int size(List<? extends NdpOption> options) {
        int n = 0;
        for (NdpOption o : options) {
            n += 8 * o.units();
        }
        return n;
    }

    /** Writes every option in order. */
    public static void emit(List<? extends NdpOption> options, ByteBuffer out) {
        for (NdpOption o : options) {
            o.emit(out);
        }
    }

    /**
     * Whether every option in {@code msg[off..end)} has a non-zero length that stays within the
     * message (RFC 4861 §6.1.1, §6.1.2: otherwise the whole message is silently discarded).
     */
    public static boolean wellFormed(byte[] msg, int off, int end) {
        int i = off;
        while (i < end) {
            if (i + 2 > end) {
                return false;
            }
            int units = msg[i + 1] & 0xFF;
            if (units == 0 || i + 8 * units > end) {
                return false;
            }
            i += 8 * units;
        }
        return true;
    }

    /**
     * Parses the options in {@code msg[off..end)}. Options this code does not know, and known
     * options whose content a receiver must ignore (RFC 8781 §4 PLC 6/7, RFC 8106 §5.1 short
     * RDNSS), come back as {@link NdpOption.Unknown}.
     *
     * @throws IllegalArgumentException when {@link #wellFormed} is false
     */
    public static List<NdpOption> parse(byte[] msg, int off, int end) {
        if (!wellFormed(msg, off, end)) {
            throw new IllegalArgumentException("option with length 0 or past the end of the message (RFC 4861 §6.1)");
        }
        List<NdpOption> out = new ArrayList<>();
        int i = off;
        while (i < end) {
            int type = msg[i] & 0xFF;
            int units = msg[i + 1] & 0xFF;
            ByteBuffer body = ByteBuffer.wrap(msg, i + 2, 8 * units - 2).slice();
            NdpOption option;
            try {
                option = decode(type, units, body);
            } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
                option = null;
            }
            if (option == null) {
                byte[] raw = new byte[8 * units - 2];
                System.arraycopy(msg, i + 2, raw, 0, raw.length);
                option = new NdpOption.Unknown(type, raw);
            }
            out.add(option);
            i += 8 * units;
        }
        return out;
    }

    private static NdpOption decode(int type, int units, ByteBuffer b) {
        return switch (type) {
            case 1 -> {
                byte[] mac = new byte[units == 1 ? 6 : b.remaining()];
                b.get(mac);
                yield new NdpOption.SourceLinkLayer(mac);
            }
            case 3 -> units != 4 ? null : prefixInformation(b);
            case 5 -> units != 1 ? null : new NdpOption.Mtu(skip(b, 2).getInt() & 0xFFFF_FFFFL);
            case 24 -> routeInformation(units, b);
            case 25 -> rdnss(units, b);
            case 31 -> dnssl(units, b);
            case 37 -> captivePortal(b);
            case 38 -> Pref64Option.parse(units, b);
            default -> null;
        };
    }

    private static ByteBuffer skip(ByteBuffer b, int n) {
        return b.position(b.position() + n);
    }

    private static NdpOption prefixInformation(ByteBuffer b) {
        int length = b.get() & 0xFF;
        int flags = b.get() & 0xFF;
        long valid = b.getInt() & 0xFFFF_FFFFL;
        long preferred = b.getInt() & 0xFFFF_FFFFL;
        skip(b, 4);
        long hi = b.getLong();
        long lo = b.getLong();
        if (length > 128) {
            return null;
        }
        return new NdpOption.PrefixInformation(new Ipv6Prefix(hi & Ipv6Prefix.maskHi(length),
                lo & Ipv6Prefix.maskLo(length), length), (flags & 0x80) != 0, (flags & 0x40) != 0, valid, preferred);
    }

    private static NdpOption routeInformation(int units, ByteBuffer b) {
        int length = b.get() & 0xFF;
        int flags = b.get() & 0xFF;
        long lifetime = b.getInt() & 0xFFFF_FFFFL;
        // RFC 4191 §2.3: Length 1 only for /0, 2 for up to /64, 3 for any; otherwise ignore
        if (length > 128 || units > 3 || length > 64 && units < 3 || length > 0 && units < 2) {
            return null;
        }
        long hi = units >= 2 ? b.getLong() : 0;
        long lo = units == 3 ? b.getLong() : 0;
        return new NdpOption.RouteInformation(new Ipv6Prefix(hi & Ipv6Prefix.maskHi(length),
                lo & Ipv6Prefix.maskLo(length), length), RouterPreference.of(flags >>> 3), lifetime);
    }

    private static NdpOption rdnss(int units, ByteBuffer b) {
        if (units < 3 || units % 2 == 0) {
            return null; // RFC 8106 §5.1: minimum 3, odd
        }
        long lifetime = skip(b, 2).getInt() & 0xFFFF_FFFFL;
        List<Ipv6Address> servers = new ArrayList<>();
        for (int n = 0; n < (units - 1) / 2; n++) {
            servers.add(new Ipv6Address(b.getLong(), b.getLong()));
        }
        return new NdpOption.Rdnss(lifetime, servers);
    }

    private static NdpOption dnssl(int units, ByteBuffer b) {
        if (units < 2) {
            return null; // RFC 8106 §5.2: minimum 2
        }
        long lifetime = skip(b, 2).getInt() & 0xFFFF_FFFFL;
        byte[] rest = new byte[b.remaining()];
        b.get(rest);
        List<String> names = DnsNames.decode(rest, 0, rest.length);
        return names.isEmpty() ? null : new NdpOption.Dnssl(lifetime, names);
    }

    private static NdpOption captivePortal(ByteBuffer b) {
        byte[] rest = new byte[b.remaining()];
        b.get(rest);
        int n = rest.length;
        while (n > 0 && rest[n - 1] == 0) {
            n--;
        }
        return n == 0 ? null : new NdpOption.CaptivePortal(new String(rest, 0, n, java.nio.charset.StandardCharsets.US_ASCII));
    }
}
