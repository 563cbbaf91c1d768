package net.v6mostly.xlat;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv6Address;

/**
 * Test-only packet builder and checker: IPv4/IPv6 packets carrying UDP, TCP, ICMP Echo and ICMP
 * errors, with every checksum computed here by the plain RFC 1071 loop (deliberately not the
 * production {@code wire.Checksum}, so a bug there cannot hide itself), plus a harness that runs a
 * packet through a {@link Siit} from a buffer of exactly the packet's size, so any read past the
 * packet throws.
 */
public final class TestPackets {
    public static final int ICMP = 1;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ICMPV6 = 58;
    public static final int HOP_BY_HOP = 0;
    public static final int ROUTING = 43;
    public static final int FRAGMENT = 44;
    public static final int DEST_OPTS = 60;

    private TestPackets() {
    }

    // ------------------------------------------------------------------ addresses

    public static int v4(String text) {
        return Ipv4.parse(text);
    }

    public static byte[] v6(String text) {
        Ipv6Address a = Ipv6Address.parse(text);
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (a.hi() >>> (56 - 8 * i));
            out[8 + i] = (byte) (a.lo() >>> (56 - 8 * i));
        }
        return out;
    }

    /** {@code address} embedded in 2001:db8:64::/96 (RFC 6052 §2.2, /96). */
    public static byte[] pool6(int address) {
        byte[] out = v6("2001:db8:64::");
        put32(out, 12, address);
        return out;
    }

    // ------------------------------------------------------------------ RFC 1071 checksums

    /** One's-complement sum of 16-bit big-endian words, an odd last byte padded with zero. */
    public static long sum(long seed, byte[] b, int off, int len) {
        long s = seed;
        for (int i = 0; i < len; i += 2) {
            int hi = b[off + i] & 0xFF;
            int lo = i + 1 < len ? b[off + i + 1] & 0xFF : 0;
            s += hi << 8 | lo;
        }
        return s;
    }

    public static int fold(long s) {
        while ((s >>> 16) != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int) s;
    }

    public static int checksum(long seed, byte[] b, int off, int len) {
        return ~fold(sum(seed, b, off, len)) & 0xFFFF;
    }

    public static boolean verifies(long seed, byte[] b, int off, int len) {
        return fold(sum(seed, b, off, len)) == 0xFFFF;
    }

    public static long pseudo4(int src, int dst, int protocol, int length) {
        return (src >>> 16) + (src & 0xFFFF) + (dst >>> 16) + (dst & 0xFFFF) + protocol + length;
    }

    public static long pseudo6(byte[] src, byte[] dst, int nextHeader, int length) {
        return sum(sum(0, src, 0, 16), dst, 0, 16) + (length >>> 16) + (length & 0xFFFF) + nextHeader;
    }

    // ------------------------------------------------------------------ transport segments

    public static byte[] udp(int sport, int dport, byte[] data) {
        byte[] u = new byte[8 + data.length];
        put16(u, 0, sport);
        put16(u, 2, dport);
        put16(u, 4, u.length);
        System.arraycopy(data, 0, u, 8, data.length);
        return u;
    }

    public static byte[] tcp(int sport, int dport, int seq, int ack, int flags, byte[] data) {
        byte[] t = new byte[20 + data.length];
        put16(t, 0, sport);
        put16(t, 2, dport);
        put32(t, 4, seq);
        put32(t, 8, ack);
        t[12] = 0x50;
        t[13] = (byte) flags;
        put16(t, 14, 0xFFFF);
        System.arraycopy(data, 0, t, 20, data.length);
        return t;
    }

    public static byte[] icmp(int type, int code, int rest, byte[] data) {
        byte[] m = new byte[8 + data.length];
        m[0] = (byte) type;
        m[1] = (byte) code;
        put32(m, 4, rest);
        System.arraycopy(data, 0, m, 8, data.length);
        return m;
    }

    /** Fills the checksum of {@code l4} (a {@code protocol} segment) over the IPv4 pseudo-header (none for ICMP). */
    public static byte[] seal4(int src, int dst, int protocol, byte[] l4) {
        int at = checksumOffset(protocol);
        put16(l4, at, 0);
        long seed = protocol == ICMP ? 0 : pseudo4(src, dst, protocol, l4.length);
        int c = checksum(seed, l4, 0, l4.length);
        put16(l4, at, protocol == UDP && c == 0 ? 0xFFFF : c);
        return l4;
    }

    /** Fills the checksum of {@code l4} over the IPv6 pseudo-header (RFC 8200 §8.1). */
    public static byte[] seal6(byte[] src, byte[] dst, int protocol, byte[] l4) {
        int at = checksumOffset(protocol);
        put16(l4, at, 0);
        int c = checksum(pseudo6(src, dst, protocol, l4.length), l4, 0, l4.length);
        put16(l4, at, protocol == UDP && c == 0 ? 0xFFFF : c);
        return l4;
    }

    public static int checksumOffset(int protocol) {
        return switch (protocol) {
            case TCP -> 16;
            case UDP -> 6;
            default -> 2;
        };
    }

    // ------------------------------------------------------------------ IP packets

    /** A mutable description of an IPv4 header; {@link #build} fills Total Length and the checksum. */
    public static final class V4 {
        public int tos;
        public int id = 0x1234;
        public boolean df;
        public boolean mf;
        public int offset8;
        public int ttl = 64;
        public int protocol;
        public int src;
        public int dst;
        public byte[] options = new byte[0];

        public V4(int protocol, int src, int dst) {
            this.protocol = protocol;
            this.src = src;
            this.dst = dst;
        }

        public V4 tos(int v) { tos = v; return this; }
        public V4 id(int v) { id = v; return this; }
        public V4 df(boolean v) { df = v; return this; }
        public V4 mf(boolean v) { mf = v; return this; }
        public V4 offset8(int v) { offset8 = v; return this; }
        public V4 ttl(int v) { ttl = v; return this; }
        public V4 options(byte[] v) { options = v; return this; }

        public byte[] build(byte[] payload) {
            int ihl = 20 + options.length;
            byte[] p = new byte[ihl + payload.length];
            p[0] = (byte) (0x40 | ihl / 4);
            p[1] = (byte) tos;
            put16(p, 2, p.length);
            put16(p, 4, id);
            put16(p, 6, (df ? 0x4000 : 0) | (mf ? 0x2000 : 0) | offset8);
            p[8] = (byte) ttl;
            p[9] = (byte) protocol;
            put32(p, 12, src);
            put32(p, 16, dst);
            System.arraycopy(options, 0, p, 20, options.length);
            put16(p, 10, checksum(0, p, 0, ihl));
            System.arraycopy(payload, 0, p, ihl, payload.length);
            return p;
        }
    }

    /** An IPv6 packet: fixed header, then {@code rest} (extension headers and upper layer). */
    public static byte[] ipv6(int trafficClass, int nextHeader, int hopLimit, byte[] src, byte[] dst, byte[] rest) {
        byte[] p = new byte[40 + rest.length];
        put32(p, 0, 6 << 28 | (trafficClass & 0xFF) << 20);
        put16(p, 4, rest.length);
        p[6] = (byte) nextHeader;
        p[7] = (byte) hopLimit;
        System.arraycopy(src, 0, p, 8, 16);
        System.arraycopy(dst, 0, p, 24, 16);
        System.arraycopy(rest, 0, p, 40, rest.length);
        return p;
    }

    public static byte[] udp4(int src, int dst, int sport, int dport, byte[] data) {
        return new V4(UDP, src, dst).build(seal4(src, dst, UDP, udp(sport, dport, data)));
    }

    public static byte[] udp6(byte[] src, byte[] dst, int sport, int dport, byte[] data) {
        return ipv6(0, UDP, 64, src, dst, seal6(src, dst, UDP, udp(sport, dport, data)));
    }

    public static byte[] tcp6(byte[] src, byte[] dst, int sport, int dport, byte[] data) {
        return ipv6(0, TCP, 64, src, dst, seal6(src, dst, TCP, tcp(sport, dport, 1, 2, 0x18, data)));
    }

    public static byte[] echo4(int src, int dst, int id, int seq, byte[] data) {
        return new V4(ICMP, src, dst).build(seal4(src, dst, ICMP, icmp(8, 0, id << 16 | seq, data)));
    }

    public static byte[] echo6(byte[] src, byte[] dst, int id, int seq, byte[] data) {
        return ipv6(0, ICMPV6, 64, src, dst, seal6(src, dst, ICMPV6, icmp(128, 0, id << 16 | seq, data)));
    }

    /** An ICMPv4 error from {@code src} to {@code dst} quoting {@code inner}. */
    public static byte[] icmp4Error(int src, int dst, int type, int code, int rest, byte[] inner) {
        return new V4(ICMP, src, dst).build(seal4(src, dst, ICMP, icmp(type, code, rest, inner)));
    }

    /** An ICMPv6 error from {@code src} to {@code dst} quoting {@code inner}. */
    public static byte[] icmp6Error(byte[] src, byte[] dst, int type, int code, int rest, byte[] inner) {
        return ipv6(0, ICMPV6, 64, src, dst, seal6(src, dst, ICMPV6, icmp(type, code, rest, inner)));
    }

    /** Recomputes the IPv4 header checksum of {@code p} in place, after a test changed a field. */
    public static byte[] reseal4(byte[] p) {
        int ihl = (p[0] & 0xF) * 4;
        put16(p, 10, 0);
        put16(p, 10, checksum(0, p, 0, ihl));
        return p;
    }

    // ------------------------------------------------------------------ reading packets back

    /** What a test needs of an emitted packet: where its upper layer is and what it is. */
    public record Layers(int version, int protocol, int l4, int fragHeader, int ttl, byte[] src, byte[] dst) {
        public boolean isFragment(byte[] p) {
            if (version == 4) {
                return (u16(p, 6) & 0x3FFF) != 0;
            }
            return fragHeader >= 0;
        }
    }

    /** Parses the IP header and (IPv6) the extension chain of a well-formed packet. */
    public static Layers layers(byte[] p) {
        int version = (p[0] & 0xFF) >>> 4;
        if (version == 4) {
            int ihl = (p[0] & 0xF) * 4;
            return new Layers(4, p[9] & 0xFF, ihl, -1, p[8] & 0xFF, Arrays.copyOfRange(p, 12, 16),
                    Arrays.copyOfRange(p, 16, 20));
        }
        int next = p[6] & 0xFF;
        int off = 40;
        int frag = -1;
        while (next == HOP_BY_HOP || next == ROUTING || next == DEST_OPTS || next == FRAGMENT) {
            if (next == FRAGMENT) {
                frag = off;
                next = p[off] & 0xFF;
                off += 8;
            } else {
                next = p[off] & 0xFF;
                off += ((p[off + 1] & 0xFF) + 1) * 8;
            }
        }
        return new Layers(6, next, off, frag, p[7] & 0xFF, Arrays.copyOfRange(p, 8, 24), Arrays.copyOfRange(p, 24, 40));
    }

    /** Problems with a packet's IP header and lengths, empty when it is well formed. */
    public static List<String> headerProblems(byte[] p) {
        List<String> problems = new ArrayList<>();
        if (p.length < 1) {
            problems.add("empty");
            return problems;
        }
        int version = (p[0] & 0xFF) >>> 4;
        if (version == 4) {
            int ihl = (p[0] & 0xF) * 4;
            if (p.length < 20 || ihl < 20 || ihl > p.length) {
                problems.add("IPv4 header truncated");
                return problems;
            }
            if (u16(p, 2) != p.length) {
                problems.add("IPv4 Total Length " + u16(p, 2) + " but " + p.length + " bytes");
            }
            if (!verifies(0, p, 0, ihl)) {
                problems.add("IPv4 header checksum");
            }
        } else if (version == 6) {
            if (p.length < 40) {
                problems.add("IPv6 header truncated");
                return problems;
            }
            if (u16(p, 4) + 40 != p.length) {
                problems.add("IPv6 Payload Length " + u16(p, 4) + " but " + (p.length - 40) + " bytes follow");
            }
        } else {
            problems.add("version " + version);
        }
        return problems;
    }

    /**
     * Whether the upper-layer checksum of a whole (unfragmented, or reassembled) packet verifies:
     * TCP/UDP/ICMPv6 with the pseudo-header, ICMPv4 without. Other protocols pass.
     */
    public static boolean l4ChecksumValid(byte[] p) {
        Layers l = layers(p);
        int len = p.length - l.l4;
        long seed;
        switch (l.protocol) {
            case TCP, UDP -> {
                if (len < checksumOffset(l.protocol) + 2) {
                    return false;
                }
                if (l.version == 4 && l.protocol == UDP && u16(p, l.l4 + 6) == 0) {
                    return true; // RFC 768: no checksum
                }
                seed = l.version == 4 ? pseudo4(i32(l.src, 0), i32(l.dst, 0), l.protocol, len)
                        : pseudo6(l.src, l.dst, l.protocol, len);
            }
            case ICMP -> seed = 0;
            case ICMPV6 -> seed = pseudo6(l.src, l.dst, ICMPV6, len);
            default -> {
                return true;
            }
        }
        return verifies(seed, p, l.l4, len);
    }

    /** Fragment of an IPv6 packet: offset in bytes, M flag, identification and the fragment's data. */
    public record Fragment6(int offset, boolean more, int identification, int nextHeader, byte[] data, int length) {
    }

    public static Fragment6 fragment6(byte[] p) {
        Layers l = layers(p);
        if (l.fragHeader < 0) {
            throw new AssertionError("not a fragment");
        }
        int word = u16(p, l.fragHeader + 2);
        return new Fragment6(word & 0xFFF8, (word & 1) != 0, i32(p, l.fragHeader + 4), p[l.fragHeader] & 0xFF,
                Arrays.copyOfRange(p, l.fragHeader + 8, p.length), p.length);
    }

    /** Reassembles IPv6 fragments given in order into an unfragmented IPv6 packet. */
    public static byte[] reassemble6(List<byte[]> fragments) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int next = -1;
        for (byte[] f : fragments) {
            Fragment6 fr = fragment6(f);
            next = fr.nextHeader;
            data.writeBytes(fr.data);
        }
        byte[] first = fragments.getFirst();
        byte[] out = ipv6(0, next, first[7] & 0xFF, Arrays.copyOfRange(first, 8, 24), Arrays.copyOfRange(first, 24, 40),
                data.toByteArray());
        System.arraycopy(first, 0, out, 0, 4);
        return out;
    }

    // ------------------------------------------------------------------ running the translator

    /** One packet the translator emitted. */
    public record Emitted(Side side, byte[] bytes) {
    }

    /** The exit of one translate call and what it emitted. */
    public record Result(XlatStat stat, List<Emitted> emitted) {
        public List<byte[]> on(Side side) {
            return emitted.stream().filter(e -> e.side == side).map(Emitted::bytes).toList();
        }

        public byte[] only() {
            if (emitted.size() != 1) {
                throw new AssertionError("expected one emitted packet, got " + emitted.size() + " (" + stat + ")");
            }
            return emitted.getFirst().bytes;
        }
    }

    /**
     * Translates {@code packet} from a heap buffer of exactly {@link Siit#HEADROOM} + its length
     * bytes, so the translator cannot read or write past the packet without an exception.
     */
    public static Result run(Siit siit, byte[] packet, long nowMillis) {
        byte[] buffer = new byte[Siit.HEADROOM + packet.length];
        System.arraycopy(packet, 0, buffer, Siit.HEADROOM, packet.length);
        List<Emitted> out = new ArrayList<>();
        XlatStat stat = siit.translate(MemorySegment.ofArray(buffer), Siit.HEADROOM, packet.length, nowMillis,
                (side, seg, off, len) -> out.add(new Emitted(side, seg.asSlice(off, len).toArray(ValueLayout.JAVA_BYTE))),
                Offload.NONE);
        return new Result(stat, out);
    }

    public static Result run(Siit siit, byte[] packet) {
        return run(siit, packet, 0);
    }

    // ------------------------------------------------------------------ bytes

    public static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) << 8 | b[off + 1] & 0xFF;
    }

    public static int i32(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | b[off + 3] & 0xFF;
    }

    public static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    public static void put32(byte[] b, int off, int v) {
        put16(b, off, v >>> 16);
        put16(b, off + 2, v);
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
