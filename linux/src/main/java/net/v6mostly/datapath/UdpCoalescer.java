package net.v6mostly.datapath;

import java.lang.foreign.MemorySegment;

import net.v6mostly.wire.Bytes;
import net.v6mostly.wire.Checksum;
import net.v6mostly.wire.IpProtocol;
import net.v6mostly.wire.Ipv4Header;
import net.v6mostly.wire.Ipv6Header;
import net.v6mostly.wire.IpVersion;
import net.v6mostly.wire.UdpHeader;
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
        int version = IpVersion.of(s, off);
        int l3;
        long seed;
        if (version == IpVersion.V4) {
            if (len < Ipv4Header.LENGTH + UdpHeader.LENGTH || Ipv4Header.headerLength(s, off) != Ipv4Header.LENGTH
                    || Ipv4Header.protocol(s, off) != IpProtocol.UDP
                    || (Ipv4Header.flagsOffset(s, off) & (Ipv4Header.MF | Ipv4Header.OFFSET_MASK)) != 0) {
                return 0;
            }
            l3 = Ipv4Header.LENGTH;
            seed = Checksum.pseudo4(Ipv4Header.source(s, off), Ipv4Header.destination(s, off), IpProtocol.UDP, len - l3);
        } else if (version == IpVersion.V6) {
            if (len < Ipv6Header.LENGTH + UdpHeader.LENGTH || Ipv6Header.nextHeader(s, off) != IpProtocol.UDP) {
                return 0;
            }
            l3 = Ipv6Header.LENGTH;
            seed = Checksum.pseudo6(Ipv6Header.sourceHi(s, off), Ipv6Header.sourceLo(s, off),
                    Ipv6Header.destinationHi(s, off), Ipv6Header.destinationLo(s, off), IpProtocol.UDP, len - l3);
        } else {
            return 0;
        }
        long udp = off + l3;
        if (UdpHeader.datagramLength(s, udp) != len - l3 || len - l3 == UdpHeader.LENGTH) {
            return 0;
        }
        if (!partial && (UdpHeader.checksum(s, udp) == 0 || !Checksum.verifies(seed, s, udp, len - l3))) {
            return 0;
        }
        return l3;
    }

    /**
     * Whether datagram {@code b} belongs to the flow of {@code a} (both joinable with L3 header
     * {@code l3}): same header fields except the IPv4 Total Length, Identification, fragment
     * fields but DF, and checksum, and the IPv6 Payload Length; same ports.
     */
    static boolean sameFlow(MemorySegment s, long a, long b, int l3) {
        if (l3 == Ipv4Header.LENGTH) {
            return Ipv4Header.version(s, a) == Ipv4Header.version(s, b)
                    && Ipv4Header.headerLength(s, a) == Ipv4Header.headerLength(s, b)
                    && Ipv4Header.tos(s, a) == Ipv4Header.tos(s, b)
                    && (Ipv4Header.flagsOffset(s, a) & Ipv4Header.DF) == (Ipv4Header.flagsOffset(s, b) & Ipv4Header.DF)
                    && Ipv4Header.ttl(s, a) == Ipv4Header.ttl(s, b)
                    && Ipv4Header.protocol(s, a) == Ipv4Header.protocol(s, b)
                    && Ipv4Header.source(s, a) == Ipv4Header.source(s, b)
                    && Ipv4Header.destination(s, a) == Ipv4Header.destination(s, b)
                    && samePorts(s, a + l3, b + l3);
        }
        return Ipv6Header.versionClassFlow(s, a) == Ipv6Header.versionClassFlow(s, b)
                && Ipv6Header.nextHeader(s, a) == Ipv6Header.nextHeader(s, b)
                && Ipv6Header.hopLimit(s, a) == Ipv6Header.hopLimit(s, b)
                && Ipv6Header.sourceHi(s, a) == Ipv6Header.sourceHi(s, b)
                && Ipv6Header.sourceLo(s, a) == Ipv6Header.sourceLo(s, b)
                && Ipv6Header.destinationHi(s, a) == Ipv6Header.destinationHi(s, b)
                && Ipv6Header.destinationLo(s, a) == Ipv6Header.destinationLo(s, b)
                && samePorts(s, a + l3, b + l3);
    }

    private static boolean samePorts(MemorySegment s, long udpA, long udpB) {
        return UdpHeader.sourcePort(s, udpA) == UdpHeader.sourcePort(s, udpB)
                && UdpHeader.destinationPort(s, udpA) == UdpHeader.destinationPort(s, udpB);
    }

    /**
     * Builds the super-packet of {@code count} datagrams (at {@code offsets}/{@code lengths} in
     * {@code s}, L3 header {@code l3}, payload {@code size} bytes each but the last) into
     * {@code out} at {@code o}, with its virtio-net header just before. Returns its length.
     */
    static int build(MemorySegment s, long[] offsets, int[] lengths, int from, int count, int l3, int size,
            MemorySegment out, long o) {
        long first = offsets[from];
        int headers = l3 + UdpHeader.LENGTH;
        Bytes.copy(s, first, out, o, headers);
        long at = o + headers;
        int payload = 0;
        for (int i = from; i < from + count; i++) {
            int n = lengths[i] - headers;
            Bytes.copy(s, offsets[i] + headers, out, at, n);
            at += n;
            payload += n;
        }
        int udpLength = UdpHeader.LENGTH + payload;
        long seed;
        if (l3 == Ipv4Header.LENGTH) {
            Ipv4Header.setTotalLength(out, o, l3 + udpLength);
            Ipv4Header.fillChecksum(out, o);
            seed = Checksum.pseudo4(Ipv4Header.source(out, o), Ipv4Header.destination(out, o), IpProtocol.UDP, udpLength);
        } else {
            Ipv6Header.setPayloadLength(out, o, udpLength);
            seed = Checksum.pseudo6(Ipv6Header.sourceHi(out, o), Ipv6Header.sourceLo(out, o),
                    Ipv6Header.destinationHi(out, o), Ipv6Header.destinationLo(out, o), IpProtocol.UDP, udpLength);
        }
        long udp = o + l3;
        UdpHeader.setDatagramLength(out, udp, udpLength);
        UdpHeader.setChecksum(out, udp, Checksum.fold(seed)); // CHECKSUM_PARTIAL seed
        VirtioNetHeader.write(out, o - VirtioNetHeader.LENGTH, VirtioNetHeader.F_NEEDS_CSUM, VirtioNetHeader.GSO_UDP_L4,
                headers, size, l3, UdpHeader.CHECKSUM);
        return l3 + udpLength;
    }
}
