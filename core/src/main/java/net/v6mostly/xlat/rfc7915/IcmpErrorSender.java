package net.v6mostly.xlat.rfc7915;

import java.lang.foreign.MemorySegment;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.wire.Bytes;
import net.v6mostly.wire.Checksum;
import net.v6mostly.wire.IpProtocol;
import net.v6mostly.wire.Ipv4Header;
import net.v6mostly.wire.Ipv6Header;
import net.v6mostly.wire.Transport;
import net.v6mostly.xlat.Side;
import net.v6mostly.xlat.XlatStat;

/**
 * ICMP errors the translator itself sends about packets it discards (RFC 7915 §4.4 and §5.4):
 * sourced from the translator's own address, quoting as much of the offending packet as fits in
 * 576 bytes (RFC 1812 §4.3.2.3) or 1280 bytes (RFC 4443 §2.4(c)), rate limited, and never about an
 * ICMP error (RFC 1122 §3.2.2, RFC 4443 §2.4(e)).
 */
public final class IcmpErrorSender {
    /** Largest ICMPv4 error (RFC 1812 §4.3.2.3). */
    public static final int MAX_ICMP4_ERROR = 576;
    /** Largest ICMPv6 error: the IPv6 minimum MTU (RFC 4443 §2.4(c)). */
    public static final int MAX_ICMP6_ERROR = 1280;
    private static final int HOP_LIMIT = 64;

    private final XlatContext ctx;

    /** Creates a sender writing into the context's scratch buffer. */
    public IcmpErrorSender(XlatContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Sends an ICMPv4 error about the IPv4 packet at {@code off} (RFC 7915 §4.4).
     *
     * @param rest the second 32-bit word of the ICMP header (MTU, pointer, or zero)
     */
    public void send4(MemorySegment s, long off, int length, int type, int code, int rest) {
        int offender = Bytes.i32(s, off + Ipv4Header.SOURCE);
        int flags = Bytes.u16(s, off + Ipv4Header.FLAGS_OFFSET);
        if (!ctx.settings.icmpErrors46() || Ipv4.isIllegalSource(offender) || (flags & Ipv4Header.OFFSET_MASK) != 0
                || isIcmp4Error(s, off, length)) {
            return;
        }
        if (!ctx.limit4.tryAcquire(ctx.state.now)) {
            ctx.counters.increment(XlatStat.ICMP_ERROR_RATE_LIMITED);
            return;
        }
        MemorySegment out = ctx.generatedScratch;
        long o = XlatContext.SCRATCH_OFFSET;
        int quoted = Math.min(length, MAX_ICMP4_ERROR - Ipv4Header.LENGTH - Transport.ICMP_HEADER);
        int total = Ipv4Header.LENGTH + Transport.ICMP_HEADER + quoted;
        Ipv4Header.write(out, o, 0, total, ctx.nextIdentification(), 0, HOP_LIMIT, IpProtocol.ICMP,
                ctx.settings.ownIpv4(), offender);
        long icmp = o + Ipv4Header.LENGTH;
        Bytes.put32(out, icmp, type << 24 | code << 16);
        Bytes.put32(out, icmp + Transport.ICMP_REST, rest);
        Bytes.copy(s, off, out, icmp + Transport.ICMP_HEADER, quoted);
        Bytes.put16(out, icmp + Transport.ICMP_CHECKSUM,
                Checksum.finish(Checksum.add(0, out, icmp, Transport.ICMP_HEADER + quoted)));
        ctx.counters.increment(XlatStat.ICMP4_ERROR_SENT);
        ctx.state.sink.emit(Side.V4, out, o, total);
    }

    /**
     * Sends an ICMPv6 error about the IPv6 packet at {@code off} (RFC 7915 §5.4).
     *
     * @param rest           the second 32-bit word of the ICMPv6 header (MTU, pointer, or zero)
     * @param upperProtocol  the packet's upper-layer protocol, to recognise ICMPv6 errors
     * @param upperOffset    offset of its upper-layer header
     */
    public void send6(MemorySegment s, long off, int length, int type, int code, int rest, int upperProtocol,
            long upperOffset) {
        long srcHi = Bytes.i64(s, off + Ipv6Header.SOURCE);
        long srcLo = Bytes.i64(s, off + Ipv6Header.SOURCE + 8);
        if (!ctx.settings.icmpErrors64() || isUnspecifiedOrMulticast(srcHi, srcLo)) {
            return;
        }
        if (upperProtocol == IpProtocol.ICMPV6 && upperOffset < off + length
                && IcmpMap64.isError(Bytes.u8(s, upperOffset))) {
            return;
        }
        if (!ctx.limit6.tryAcquire(ctx.state.now)) {
            ctx.counters.increment(XlatStat.ICMP_ERROR_RATE_LIMITED);
            return;
        }
        MemorySegment out = ctx.generatedScratch;
        long o = XlatContext.SCRATCH_OFFSET;
        int quoted = Math.min(length, MAX_ICMP6_ERROR - Ipv6Header.LENGTH - Transport.ICMP_HEADER);
        int icmpLength = Transport.ICMP_HEADER + quoted;
        long ownHi = ctx.settings.ownIpv6().hi();
        long ownLo = ctx.settings.ownIpv6().lo();
        Ipv6Header.write(out, o, 0, icmpLength, IpProtocol.ICMPV6, HOP_LIMIT, ownHi, ownLo, srcHi, srcLo);
        long icmp = o + Ipv6Header.LENGTH;
        Bytes.put32(out, icmp, type << 24 | code << 16);
        Bytes.put32(out, icmp + Transport.ICMP_REST, rest);
        Bytes.copy(s, off, out, icmp + Transport.ICMP_HEADER, quoted);
        long sum = Checksum.pseudo6(ownHi, ownLo, srcHi, srcLo, IpProtocol.ICMPV6, icmpLength);
        Bytes.put16(out, icmp + Transport.ICMP_CHECKSUM, Checksum.finish(Checksum.add(sum, out, icmp, icmpLength)));
        ctx.counters.increment(XlatStat.ICMP6_ERROR_SENT);
        ctx.state.sink.emit(Side.V6, out, o, Ipv6Header.LENGTH + icmpLength);
    }

    private static boolean isIcmp4Error(MemorySegment s, long off, int length) {
        int ihl = (Bytes.u8(s, off) & 0xF) * 4;
        return Bytes.u8(s, off + Ipv4Header.PROTOCOL) == IpProtocol.ICMP && length > ihl
                && IcmpMap46.isError(Bytes.u8(s, off + ihl));
    }

    private static boolean isUnspecifiedOrMulticast(long hi, long lo) {
        return (hi == 0 && lo == 0) || (hi >>> 56) == 0xFF;
    }
}
