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
    public static final int HEADERS = 28;

    private Udp4Datagram() {
    }

    /** The datagram from {@code src:sport} to {@code dst:dport} with TTL 64 and DF clear. */
    public static byte[] build(int src, int dst, int sport, int dport, byte[] payload) {
        byte[] d = new byte[HEADERS + payload.length];
        MemorySegment s = MemorySegment.ofArray(d);
        Bytes.put8(s, 0, 0x45);
        Bytes.put16(s, 2, d.length);
        Bytes.put8(s, 8, 64);
        Bytes.put8(s, 9, IpProtocol.UDP);
        Bytes.put32(s, 12, src);
        Bytes.put32(s, 16, dst);
        Bytes.put16(s, 10, Checksum.finish(Checksum.add(0, s, 0, 20)));
        int udpLength = 8 + payload.length;
        Bytes.put16(s, 20, sport);
        Bytes.put16(s, 22, dport);
        Bytes.put16(s, 24, udpLength);
        System.arraycopy(payload, 0, d, HEADERS, payload.length);
        int sum = Checksum.finish(Checksum.add(Checksum.pseudo4(src, dst, IpProtocol.UDP, udpLength), s, 20, udpLength));
        Bytes.put16(s, 26, sum == 0 ? 0xFFFF : sum);   // RFC 768: a computed zero is sent as all ones
        return d;
    }
}
