package net.v6mostly.datapath;

import java.lang.foreign.MemorySegment;

import net.v6mostly.wire.Bytes;
import net.v6mostly.wire.Checksum;
import net.v6mostly.wire.IpProtocol;
import net.v6mostly.wire.Ipv4Header;
import net.v6mostly.wire.Ipv6Header;
import net.v6mostly.wire.Transport;
import net.v6mostly.wire.VirtioNetHeader;

/**
 * Joins consecutive translated UDP datagrams of one flow into one UDP GSO super-packet
 * ({@code VIRTIO_NET_HDR_GSO_UDP_L4}, the kernel's USO) so that the kernel forwards them once and
 * segments them on the way out, as wireguard-go does on its TUN writes. Only datagrams that could
 * have been sent as such segments are joined: same addresses, ports, TOS/traffic class, TTL/hop
 * limit and DF; no IPv4 options, fragments or IPv6 extension headers; all but the last of one
 * payload size; and a UDP checksum that verifies, so a corrupt datagram is never re-checksummed
 * into a valid one.
 */
final class UdpCoalescer {
    /** Most datagrams in one super-packet. */
    static final int MAX_SEGMENTS = 64;
    /** Largest super-packet built. */
    static final int MAX_BYTES = 65000;

    private UdpCoalescer() {
    }

    /**
     * L3 header length of a translated packet that may be joined (20 or 40), or 0 when it may not:
     * not UDP, IPv4 options or fragment, IPv6 extension headers, or (unless {@code partial}: the
     * checksum field is only the kernel's seed and the kernel computes the sums anyway) a UDP
     * checksum that is zero or does not verify; or no payload: a run of empty datagrams would get
     * gso_size 0, which the kernel refuses (virtio_net_hdr_to_skb: EINVAL), losing the whole run.
     */
    static int joinableHeader(MemorySegment s, long off, int len, boolean partial) {
        int version = Bytes.u8(s, off) >>> 4;
        int l3;
        long seed;
        if (version == 4) {
            if (len < 28 || Bytes.u8(s, off) != 0x45 || Bytes.u8(s, off + Ipv4Header.PROTOCOL) != IpProtocol.UDP
                    || (Bytes.u16(s, off + Ipv4Header.FLAGS_OFFSET) & (Ipv4Header.MF | Ipv4Header.OFFSET_MASK)) != 0) {
                return 0;
            }
            l3 = Ipv4Header.LENGTH;
            seed = Checksum.pseudo4(Bytes.i32(s, off + Ipv4Header.SOURCE), Bytes.i32(s, off + Ipv4Header.DESTINATION),
                    IpProtocol.UDP, len - l3);
        } else if (version == 6) {
            if (len < 48 || Bytes.u8(s, off + Ipv6Header.NEXT_HEADER) != IpProtocol.UDP) {
                return 0;
            }
            l3 = Ipv6Header.LENGTH;
            seed = Checksum.pseudo6(Bytes.i64(s, off + 8), Bytes.i64(s, off + 16), Bytes.i64(s, off + 24),
                    Bytes.i64(s, off + 32), IpProtocol.UDP, len - l3);
        } else {
            return 0;
        }
        if (Bytes.u16(s, off + l3 + Transport.UDP_LENGTH) != len - l3 || len - l3 == Transport.UDP_HEADER) {
            return 0;
        }
        if (!partial && (Bytes.u16(s, off + l3 + Transport.UDP_CHECKSUM) == 0
                || !Checksum.verifies(seed, s, off + l3, len - l3))) {
            return 0;
        }
        return l3;
    }

    /**
     * Whether datagram {@code b} belongs to the flow of {@code a} (both joinable with L3 header
     * {@code l3}): same header bytes except the IPv4 Total Length, Identification and checksum,
     * and the IPv6 Payload Length; same ports.
     */
    static boolean sameFlow(MemorySegment s, long a, long b, int l3) {
        if (l3 == Ipv4Header.LENGTH) {
            return Bytes.u16(s, a) == Bytes.u16(s, b) // version, IHL, TOS
                    && (Bytes.u16(s, a + 6) & Ipv4Header.DF) == (Bytes.u16(s, b + 6) & Ipv4Header.DF)
                    && Bytes.u16(s, a + 8) == Bytes.u16(s, b + 8) // TTL, protocol
                    && Bytes.i64(s, a + 12) == Bytes.i64(s, b + 12) // addresses
                    && Bytes.i32(s, a + 20) == Bytes.i32(s, b + 20); // ports
        }
        return Bytes.i32(s, a) == Bytes.i32(s, b) // version, traffic class, flow label
                && Bytes.u16(s, a + 6) == Bytes.u16(s, b + 6) // next header, hop limit
                && Bytes.i64(s, a + 8) == Bytes.i64(s, b + 8) && Bytes.i64(s, a + 16) == Bytes.i64(s, b + 16)
                && Bytes.i64(s, a + 24) == Bytes.i64(s, b + 24) && Bytes.i64(s, a + 32) == Bytes.i64(s, b + 32)
                && Bytes.i32(s, a + 40) == Bytes.i32(s, b + 40);
    }

    /**
     * Builds the super-packet of {@code count} datagrams (at {@code offsets}/{@code lengths} in
     * {@code s}, L3 header {@code l3}, payload {@code size} bytes each but the last) into
     * {@code out} at {@code o}, with its virtio-net header just before. Returns its length.
     */
    static int build(MemorySegment s, long[] offsets, int[] lengths, int from, int count, int l3, int size,
            MemorySegment out, long o) {
        long first = offsets[from];
        Bytes.copy(s, first, out, o, l3 + Transport.UDP_HEADER);
        long at = o + l3 + Transport.UDP_HEADER;
        int payload = 0;
        for (int i = from; i < from + count; i++) {
            int n = lengths[i] - l3 - Transport.UDP_HEADER;
            Bytes.copy(s, offsets[i] + l3 + Transport.UDP_HEADER, out, at, n);
            at += n;
            payload += n;
        }
        int udpLength = Transport.UDP_HEADER + payload;
        long seed;
        if (l3 == Ipv4Header.LENGTH) {
            Bytes.put16(out, o + Ipv4Header.TOTAL_LENGTH, l3 + udpLength);
            Bytes.put16(out, o + Ipv4Header.CHECKSUM, 0);
            Bytes.put16(out, o + Ipv4Header.CHECKSUM, Checksum.finish(Checksum.add(0, out, o, l3)));
            seed = Checksum.pseudo4(Bytes.i32(out, o + 12), Bytes.i32(out, o + 16), IpProtocol.UDP, udpLength);
        } else {
            Bytes.put16(out, o + Ipv6Header.PAYLOAD_LENGTH, udpLength);
            seed = Checksum.pseudo6(Bytes.i64(out, o + 8), Bytes.i64(out, o + 16), Bytes.i64(out, o + 24),
                    Bytes.i64(out, o + 32), IpProtocol.UDP, udpLength);
        }
        Bytes.put16(out, o + l3 + Transport.UDP_LENGTH, udpLength);
        Bytes.put16(out, o + l3 + Transport.UDP_CHECKSUM, Checksum.fold(seed)); // CHECKSUM_PARTIAL seed
        VirtioNetHeader.write(out, o - VirtioNetHeader.LENGTH, VirtioNetHeader.F_NEEDS_CSUM, VirtioNetHeader.GSO_UDP_L4,
                l3 + Transport.UDP_HEADER, size, l3, Transport.UDP_CHECKSUM);
        return l3 + udpLength;
    }
}
