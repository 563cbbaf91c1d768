package net.v6mostly.ndp;

import java.lang.foreign.MemorySegment;

import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.wire.Checksum;
import net.v6mostly.wire.IpProtocol;

/** The ICMPv6 checksum over the IPv6 pseudo-header (RFC 4443 §2.3, RFC 8200 §8.1), for tests and captures. */
final class Icmp6 {
    private Icmp6() {
    }

    static int checksum(Ipv6Address src, Ipv6Address dst, byte[] msg) {
        long sum = Checksum.pseudo6(src.hi(), src.lo(), dst.hi(), dst.lo(), IpProtocol.ICMPV6, msg.length);
        return Checksum.finish(Checksum.add(sum, MemorySegment.ofArray(msg), 0, msg.length));
    }
}
