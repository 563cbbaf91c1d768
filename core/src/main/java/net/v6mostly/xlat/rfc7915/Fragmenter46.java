package net.v6mostly.xlat.rfc7915;

import java.lang.foreign.MemorySegment;

import net.v6mostly.wire.Bytes;
import net.v6mostly.wire.IpProtocol;
import net.v6mostly.wire.Ipv4Header;
import net.v6mostly.wire.Ipv6Fragment;
import net.v6mostly.wire.Ipv6Header;
import net.v6mostly.xlat.Side;
import net.v6mostly.xlat.XlatStat;

/**
 * Fragments an IPv4 packet without DF whose translation would exceed lowest-ipv6-mtu (RFC 7915
 * §4.1: "the packet SHOULD be fragmented so that the resulting IPv6 packet (with Fragment Header
 * added to each fragment) will be less than or equal to lowest-ipv6-mtu"). Each fragment carries
 * the IPv4 Identification in the low 16 bits of its Fragment header (§4), and the offsets of an
 * IPv4 packet that was already a fragment.
 */
public final class Fragmenter46 {
    private final XlatContext ctx;

    /** Creates a fragmenter writing into the context's scratch buffer. */
    public Fragmenter46(XlatContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Emits the IPv6 fragments of the IPv4 payload at {@code l4..l4+length}, whose transport
     * checksum has already been translated.
     *
     * @param flags IPv4 flags and fragment offset of the packet (it may itself be a fragment)
     * @param limit largest IPv6 packet to emit
     */
    public XlatStat fragment(MemorySegment s, long l4, int length, int nextHeader, int flags, int identification,
            int limit, int trafficClass, int hopLimit, long srcHi, long srcLo, long dstHi, long dstLo) {
        int chunk = (limit - Ipv6Header.LENGTH - Ipv6Fragment.LENGTH) & ~7;
        int baseOffset = (flags & Ipv4Header.OFFSET_MASK) * 8;
        boolean lastIsMore = (flags & Ipv4Header.MF) != 0;
        MemorySegment out = ctx.generatedScratch;
        long o = XlatContext.SCRATCH_OFFSET;
        for (int done = 0; done < length; done += chunk) {
            int size = Math.min(chunk, length - done);
            boolean more = done + size < length || lastIsMore;
            Ipv6Header.write(out, o, trafficClass, Ipv6Fragment.LENGTH + size, IpProtocol.FRAGMENT, hopLimit,
                    srcHi, srcLo, dstHi, dstLo);
            Ipv6Fragment.write(out, o + Ipv6Header.LENGTH, nextHeader, (baseOffset + done) >>> 3, more,
                    identification);
            Bytes.copy(s, l4 + done, out, o + Ipv6Header.LENGTH + Ipv6Fragment.LENGTH, size);
            ctx.counters.increment(XlatStat.FRAGMENTS_EMITTED_46);
            ctx.state.sink.emit(Side.V6, out, o, Ipv6Header.LENGTH + Ipv6Fragment.LENGTH + size);
        }
        return ctx.exit(XlatStat.FRAGMENTED_46);
    }
}
