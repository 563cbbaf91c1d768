package net.v6mostly.datapath;

import java.lang.foreign.MemorySegment;

import net.v6mostly.wire.Bytes;
import net.v6mostly.wire.Checksum;

/**
 * Byte-exact IPv4 and IPv6 packets (RFC 791, RFC 8200) carrying UDP or TCP, with their checksums,
 * for the worker-loop tests: the inputs and, built the same way, the RFC 7915 translations the
 * worker must write. Addresses of the IPv6 side are RFC 6052 embeddings in 2001:db8:64::/96.
 */
final class LoopPackets {
    static final long POOL6_HI = 0x20010db800640000L;
    static final int UDP = 17;
    static final int TCP = 6;
    /** TCP header with data offset 5 (no options), flags ACK|PSH. */
    static final int TCP_HEADER = 20;

    private LoopPackets() {
    }

    /** An IPv4 packet (no options) around {@code l4}, with a valid header checksum and L4 checksum. */
    static byte[] ipv4(int tos, int identification, boolean df, int ttl, int protocol, int src, int dst, byte[] l4) {
        byte[] b = new byte[20 + l4.length];
        MemorySegment p = MemorySegment.ofArray(b);
        Bytes.put8(p, 0, 0x45);
        Bytes.put8(p, 1, tos);
        Bytes.put16(p, 2, b.length);
        Bytes.put16(p, 4, identification);
        Bytes.put16(p, 6, df ? 0x4000 : 0);
        Bytes.put8(p, 8, ttl);
        Bytes.put8(p, 9, protocol);
        Bytes.put32(p, 12, src);
        Bytes.put32(p, 16, dst);
        Bytes.put16(p, 10, Checksum.finish(Checksum.add(0, p, 0, 20)));
        System.arraycopy(l4, 0, b, 20, l4.length);
        sealL4(p, 20, l4.length, protocol, Checksum.pseudo4(src, dst, protocol, l4.length));
        return b;
    }

    /** An IPv6 packet (no extension headers) from pool6({@code src4}) to pool6({@code dst4}) around {@code l4}. */
    static byte[] ipv6(int trafficClass, int hopLimit, int protocol, int src4, int dst4, byte[] l4) {
        byte[] b = new byte[40 + l4.length];
        MemorySegment p = MemorySegment.ofArray(b);
        Bytes.put32(p, 0, 6 << 28 | trafficClass << 20);
        Bytes.put16(p, 4, l4.length);
        Bytes.put8(p, 6, protocol);
        Bytes.put8(p, 7, hopLimit);
        Bytes.put64(p, 8, POOL6_HI);
        Bytes.put64(p, 16, src4 & 0xFFFFFFFFL);
        Bytes.put64(p, 24, POOL6_HI);
        Bytes.put64(p, 32, dst4 & 0xFFFFFFFFL);
        System.arraycopy(l4, 0, b, 40, l4.length);
        sealL4(p, 40, l4.length, protocol, pseudo6(src4, dst4, protocol, l4.length));
        return b;
    }

    /** The IPv6 pseudo-header sum between two RFC 6052 addresses in 2001:db8:64::/96. */
    static long pseudo6(int src4, int dst4, int protocol, int length) {
        return Checksum.pseudo6(POOL6_HI, src4 & 0xFFFFFFFFL, POOL6_HI, dst4 & 0xFFFFFFFFL, protocol, length);
    }

    /** A UDP header (checksum left 0, {@link #ipv4}/{@link #ipv6} fill it) and {@code payload}. */
    static byte[] udp(int sport, int dport, byte[] payload) {
        byte[] b = new byte[8 + payload.length];
        MemorySegment p = MemorySegment.ofArray(b);
        Bytes.put16(p, 0, sport);
        Bytes.put16(p, 2, dport);
        Bytes.put16(p, 4, b.length);
        System.arraycopy(payload, 0, b, 8, payload.length);
        return b;
    }

    /** A TCP header without options (ACK|PSH, window 65535) and {@code payload}. */
    static byte[] tcp(int sport, int dport, int seq, byte[] payload) {
        byte[] b = new byte[TCP_HEADER + payload.length];
        MemorySegment p = MemorySegment.ofArray(b);
        Bytes.put16(p, 0, sport);
        Bytes.put16(p, 2, dport);
        Bytes.put32(p, 4, seq);
        Bytes.put32(p, 8, 1);
        Bytes.put8(p, 12, 5 << 4);
        Bytes.put8(p, 13, 0x18);
        Bytes.put16(p, 14, 0xFFFF);
        System.arraycopy(payload, 0, b, TCP_HEADER, payload.length);
        return b;
    }

    /** {@code length} bytes counting up from {@code first}. */
    static byte[] payload(int length, int first) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (first + i);
        }
        return b;
    }

    /**
     * Replaces the L4 checksum of {@code packet} (L4 header at {@code l4}) by what the kernel leaves
     * with CHECKSUM_PARTIAL ({@code VIRTIO_NET_HDR_F_NEEDS_CSUM}): the folded pseudo-header sum, not
     * complemented (include/linux/skbuff.h, "CHECKSUM_PARTIAL").
     */
    static void makePartial(byte[] packet, int l4, int protocol, long pseudo) {
        Bytes.put16(MemorySegment.ofArray(packet), l4 + checksumAt(protocol), Checksum.fold(pseudo));
    }

    /** A {@code struct virtio_net_hdr} (include/uapi/linux/virtio_net.h), 16-bit fields little-endian. */
    static byte[] vnet(int flags, int gsoType, int hdrLen, int gsoSize, int csumStart, int csumOffset) {
        return new byte[] {(byte) flags, (byte) gsoType, (byte) hdrLen, (byte) (hdrLen >>> 8), (byte) gsoSize,
            (byte) (gsoSize >>> 8), (byte) csumStart, (byte) (csumStart >>> 8), (byte) csumOffset,
            (byte) (csumOffset >>> 8)};
    }

    /** {@code parts} one after the other. */
    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] b = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, b, at, p.length);
            at += p.length;
        }
        return b;
    }

    private static int checksumAt(int protocol) {
        return protocol == UDP ? 6 : 16;
    }

    private static void sealL4(MemorySegment p, int l4, int length, int protocol, long pseudo) {
        int at = l4 + checksumAt(protocol);
        Bytes.put16(p, at, 0);
        int sum = Checksum.finish(Checksum.add(pseudo, p, l4, length));
        Bytes.put16(p, at, protocol == UDP && sum == 0 ? 0xFFFF : sum);
    }
}
