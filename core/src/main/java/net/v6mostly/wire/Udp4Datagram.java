package net.v6mostly.wire;

import java.lang.foreign.MemorySegment;

/**
 * Builds a whole IPv4 + UDP datagram around a payload, with the IPv4 header checksum (RFC 791
 * §3.1) and the UDP checksum over the pseudo-header (RFC 768) filled in; for senders that bypass
 * the kernel's IP layer, such as a DHCP server answering a client that has no address yet through
 * a packet socket (RFC 2131 §4.1).
 */
public final class Udp4Datagram {
    /** IPv4 header (no options) plus UDP header. */
    public static final int HEADERS = Ipv4Header.LENGTH + UdpHeader.LENGTH;

    private Udp4Datagram() {
    }

    /** The datagram from {@code src:sport} to {@code dst:dport} with TTL 64 and DF clear. */
    public static byte[] build(int src, int dst, int sport, int dport, byte[] payload) {
        byte[] d = new byte[HEADERS + payload.length];
        MemorySegment s = MemorySegment.ofArray(d);
        Ipv4Header.write(s, 0, 0, d.length, 0, 0, 64, IpProtocol.UDP, src, dst);
        int udpLength = UdpHeader.LENGTH + payload.length;
        UdpHeader.write(s, Ipv4Header.LENGTH, sport, dport, udpLength, 0);
        System.arraycopy(payload, 0, d, HEADERS, payload.length);
        int sum = Checksum.finish(Checksum.add(Checksum.pseudo4(src, dst, IpProtocol.UDP, udpLength), s,
                Ipv4Header.LENGTH, udpLength));
        UdpHeader.setChecksum(s, Ipv4Header.LENGTH, sum == 0 ? 0xFFFF : sum); // RFC 768: a computed zero is sent as all ones
        return d;
    }
}
