package net.v6mostly.bench;

import java.nio.ByteBuffer;

/**
 * Builds the benchmark's input packets as byte arrays with correct IPv4 header, UDP, TCP, ICMP and
 * ICMPv6 checksums. Deliberately independent of {@code net.v6mostly.wire}: the translator must not
 * be fed packets that only its own checksum code believes in.
 *
 * <p>The addresses are RFC 5737 documentation addresses; their IPv6 forms embed them in the RFC 6052
 * prefix {@link #POOL6} (a /96, so the IPv4 address is the last 32 bits), so pool6 maps both ends in
 * both directions.
 */
final class Packets {
    /** The pool6 the benchmark's translator is configured with. */
    static final String POOL6 = "2001:db8:64::/96";
    /** 198.51.100.10: the client. */
    static final int CLIENT4 = 0xC633_640A;
    /** 203.0.113.20: the server. */
    static final int SERVER4 = 0xCB00_7114;
    static final int CLIENT_PORT = 40_000;
    static final int SERVER_PORT = 443;
    /** TCP flags of a handshake and of data segments (RFC 9293 §3.1). */
    static final int TCP_SYN = 0x02;
    static final int TCP_SYN_ACK = 0x12;
    static final int TCP_ACK = 0x10;
    static final int TCP_PSH_ACK = 0x18;

    private static final int ICMP = 1;
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int ICMPV6 = 58;
    private static final int DF = 0x4000;

    private Packets() {
    }

    /** {@code v4} embedded in 2001:db8:64::/96 (RFC 6052 §2.2). */
    static byte[] v6(int v4) {
        return ByteBuffer.allocate(16).putInt(0x2001_0db8).putInt(0x0064_0000).putInt(0).putInt(v4).array();
    }

    /** An IPv4 UDP packet of {@code total} bytes from client to server (DF clear). */
    static byte[] udp4(int total) {
        return udp4(total, CLIENT4, SERVER4, CLIENT_PORT, SERVER_PORT);
    }

    /** An IPv4 UDP packet of {@code total} bytes between the given transport addresses (DF clear). */
    static byte[] udp4(int total, int src, int dst, int sport, int dport) {
        ByteBuffer b = ipv4(total, UDP, 0, src, dst);
        udp(b, 20, total - 20, sport, dport);
        b.putShort(20 + 6, (short) udpChecksum(l4Sum(b, 20, total - 20) + pseudo4(src, dst, UDP, total - 20)));
        return b.array();
    }

    /** An IPv4 TCP segment of {@code total} bytes from client to server, DF set as TCP with PMTUD does. */
    static byte[] tcp4(int total) {
        return tcp4(total, CLIENT4, SERVER4, CLIENT_PORT, SERVER_PORT, TCP_PSH_ACK);
    }

    /** An IPv4 TCP segment of {@code total} bytes with the given TCP {@code flags}, DF set. */
    static byte[] tcp4(int total, int src, int dst, int sport, int dport, int flags) {
        ByteBuffer b = ipv4(total, TCP, DF, src, dst);
        tcp(b, 20, total - 20, sport, dport, flags);
        b.putShort(20 + 16, (short) finish(l4Sum(b, 20, total - 20) + pseudo4(src, dst, TCP, total - 20)));
        return b.array();
    }

    /** An IPv6 UDP packet of {@code total} bytes from client to server. */
    static byte[] udp6(int total) {
        return udp6(total, v6(CLIENT4), v6(SERVER4), CLIENT_PORT, SERVER_PORT);
    }

    /** An IPv6 UDP packet of {@code total} bytes between the given transport addresses. */
    static byte[] udp6(int total, byte[] src, byte[] dst, int sport, int dport) {
        ByteBuffer b = ipv6(total, UDP, src, dst);
        udp(b, 40, total - 40, sport, dport);
        b.putShort(40 + 6, (short) udpChecksum(l4Sum(b, 40, total - 40) + pseudo6(b, UDP, total - 40)));
        return b.array();
    }

    /** An IPv6 TCP segment of {@code total} bytes from client to server. */
    static byte[] tcp6(int total) {
        return tcp6(total, v6(CLIENT4), v6(SERVER4), CLIENT_PORT, SERVER_PORT, TCP_PSH_ACK);
    }

    /** An IPv6 TCP segment of {@code total} bytes with the given TCP {@code flags}. */
    static byte[] tcp6(int total, byte[] src, byte[] dst, int sport, int dport, int flags) {
        ByteBuffer b = ipv6(total, TCP, src, dst);
        tcp(b, 40, total - 40, sport, dport, flags);
        b.putShort(40 + 16, (short) finish(l4Sum(b, 40, total - 40) + pseudo6(b, TCP, total - 40)));
        return b.array();
    }

    /**
     * The server's ICMPv4 Destination Unreachable / Port Unreachable (type 3 code 3, RFC 792) about
     * {@code offending}, a client→server IPv4 packet quoted whole.
     */
    static byte[] icmp4PortUnreachable(byte[] offending) {
        int total = 20 + 8 + offending.length;
        ByteBuffer b = ipv4(total, ICMP, 0, SERVER4, CLIENT4);
        b.put(20, (byte) 3).put(21, (byte) 3).put(28, offending);
        b.putShort(22, (short) finish(l4Sum(b, 20, total - 20)));
        return b.array();
    }

    /**
     * The server's ICMPv6 Destination Unreachable / Port Unreachable (type 1 code 4, RFC 4443 §3.1)
     * about {@code offending}, a client→server IPv6 packet quoted whole.
     */
    static byte[] icmp6PortUnreachable(byte[] offending) {
        int total = 40 + 8 + offending.length;
        ByteBuffer b = ipv6(total, ICMPV6, v6(SERVER4), v6(CLIENT4));
        b.put(40, (byte) 1).put(41, (byte) 4).put(48, offending);
        b.putShort(42, (short) finish(l4Sum(b, 40, total - 40) + pseudo6(b, ICMPV6, total - 40)));
        return b.array();
    }

    private static ByteBuffer ipv4(int total, int protocol, int flags, int src, int dst) {
        ByteBuffer b = ByteBuffer.allocate(total);
        b.putInt(0, 0x4500_0000 | total).putInt(4, 0x1234_0000 | flags).putInt(8, 64 << 24 | protocol << 16)
                .putInt(12, src).putInt(16, dst);
        b.putShort(10, (short) finish(l4Sum(b, 0, 20)));
        return b;
    }

    private static ByteBuffer ipv6(int total, int nextHeader, byte[] src, byte[] dst) {
        ByteBuffer b = ByteBuffer.allocate(total);
        b.putInt(0, 0x6000_0000).putInt(4, (total - 40) << 16 | nextHeader << 8 | 64).put(8, src).put(24, dst);
        return b;
    }

    private static void udp(ByteBuffer b, int at, int length, int sport, int dport) {
        b.putShort(at, (short) sport).putShort(at + 2, (short) dport).putShort(at + 4, (short) length);
        fill(b, at + 8, length - 8);
    }

    private static void tcp(ByteBuffer b, int at, int length, int sport, int dport, int flags) {
        b.putShort(at, (short) sport).putShort(at + 2, (short) dport).putInt(at + 4, 0x0102_0304)
                .putInt(at + 8, 0x0A0B_0C0D).putShort(at + 12, (short) (0x5000 | flags)).putShort(at + 14, (short) 0xFFFF);
        fill(b, at + 20, length - 20);
    }

    private static void fill(ByteBuffer b, int at, int length) {
        for (int i = 0; i < length; i++) {
            b.put(at + i, (byte) (i * 31 + 7));
        }
    }

    private static long l4Sum(ByteBuffer b, int at, int length) {
        long sum = 0;
        for (int i = 0; i < length; i += 2) {
            int hi = b.get(at + i) & 0xFF;
            int lo = i + 1 < length ? b.get(at + i + 1) & 0xFF : 0;
            sum += hi << 8 | lo;
        }
        return sum;
    }

    private static long pseudo4(int src, int dst, int protocol, int length) {
        return (src >>> 16) + (src & 0xFFFF) + (dst >>> 16) + (dst & 0xFFFF) + protocol + length;
    }

    /** RFC 8200 §8.1 pseudo-header from the addresses already in {@code b}. */
    private static long pseudo6(ByteBuffer b, int nextHeader, int length) {
        return l4Sum(b, 8, 32) + (length >>> 16) + (length & 0xFFFF) + nextHeader;
    }

    private static int finish(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) ~sum & 0xFFFF;
    }

    private static int udpChecksum(long sum) {
        int c = finish(sum);
        return c == 0 ? 0xFFFF : c; // RFC 768: a computed zero is sent as all ones
    }

    /** Whether the one's complement sum of {@code length} bytes at {@code at} plus {@code seed} is 0xFFFF. */
    static boolean verifies(byte[] p, int at, int length, long seed) {
        return finish(seed + l4Sum(ByteBuffer.wrap(p), at, length)) == 0;
    }

    /** Whether an emitted IPv4 packet's header checksum and transport (UDP, TCP, ICMP) checksum verify. */
    static boolean checksumsVerify4(byte[] p) {
        ByteBuffer b = ByteBuffer.wrap(p);
        int ihl = (p[0] & 0xF) * 4;
        int protocol = p[9] & 0xFF;
        int l4 = p.length - ihl;
        long seed = protocol == ICMP ? 0 : pseudo4(b.getInt(12), b.getInt(16), protocol, l4);
        return verifies(p, 0, ihl, 0) && verifies(p, ihl, l4, seed);
    }

    /** Whether an emitted IPv6 packet (no extension headers) has a transport checksum that verifies. */
    static boolean checksumsVerify6(byte[] p) {
        int nextHeader = p[6] & 0xFF;
        return verifies(p, 40, p.length - 40, pseudo6(ByteBuffer.wrap(p), nextHeader, p.length - 40));
    }
}
