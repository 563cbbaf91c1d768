package net.v6mostly.xlat.rfc6146;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import net.v6mostly.wire.Bytes;
import net.v6mostly.wire.IcmpAnswer;
import net.v6mostly.xlat.rfc7915.XlatContext;

/**
 * RFC 6146 §3.8, "Handling Hairpinning": an IPv6 packet whose translated IPv4 destination is a
 * pool4 address is not sent out but processed again as an incoming IPv4 packet — an IPv6 host
 * reaching another IPv6 host through its pool4 transport address. The IPv4 half then runs with the
 * RFC 7915 hairpin rules: the TTL is not decremented twice and the source, T, takes the pool6 form.
 *
 * <p>Keeps a copy of the original IPv6 packet (hairpinned packets only) so that a refusal by the
 * IPv4 half is answered to the IPv6 sender about what it sent, with ICMPv6.
 */
final class Hairpinning {
    private final Pool4 pool4;
    final MemorySegment original;
    int originalLength;
    long originalL4;

    Hairpinning(Pool4 pool4) {
        this.pool4 = pool4;
        this.original = Arena.ofAuto().allocate(XlatContext.SCRATCH, 8);
    }

    /** §3.8: the IPv4 destination of a translated packet is one of ours. */
    boolean applies(int destination4) {
        return pool4.indexOf(destination4) >= 0;
    }

    /** Keeps the IPv6 packet as received. */
    void saveOriginal(MemorySegment s, long off, int len, long l4) {
        Bytes.copy(s, off, original, XlatContext.SCRATCH_OFFSET, len);
        originalLength = len;
        originalL4 = XlatContext.SCRATCH_OFFSET + (l4 - off);
    }

    /**
     * The ICMPv6 answer to a hairpinned packet whose IPv4 half would be answered with
     * {@code answer4}, mapped as RFC 7915 §4.2 maps Destination Unreachable: Port Unreachable
     * (3/3) → 1/4, any other → 1/1; {@link IcmpAnswer#NONE} stays silent.
     */
    static IcmpAnswer answer6(IcmpAnswer answer4) {
        if (!answer4.answers()) {
            return IcmpAnswer.NONE;
        }
        return answer4.equals(IcmpAnswer.V4_PORT_UNREACHABLE) ? IcmpAnswer.V6_PORT_UNREACHABLE
                : IcmpAnswer.V6_COMMUNICATION_ADMINISTRATIVELY_PROHIBITED;
    }
}
