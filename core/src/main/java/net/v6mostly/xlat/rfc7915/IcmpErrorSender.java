package net.v6mostly.xlat.rfc7915;

import java.lang.foreign.MemorySegment;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.wire.Bytes;
import net.v6mostly.wire.Checksum;
import net.v6mostly.wire.Icmp4Header;
import net.v6mostly.wire.Icmp6Header;
import net.v6mostly.wire.IcmpAnswer;
import net.v6mostly.wire.IpProtocol;
import net.v6mostly.wire.Ipv4Header;
import net.v6mostly.wire.Ipv6Header;
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
     * Sends {@code answer}, an ICMPv4 error (or {@link IcmpAnswer#NONE}: nothing), about the IPv4
     * packet at {@code off} (RFC 7915 §4.4): the answer a refusal carries, named.
     *
     * @param rest the second 32-bit word of the ICMP header (MTU, pointer, or zero)
     */
    public void send4(MemorySegment s, long off, int length, IcmpAnswer answer, int rest) {
        if (answer.version() == 4) {
            send4(s, off, length, answer.type(), answer.code(), rest);
        }
    }

    /**
     * Sends {@code answer}, an ICMPv6 error (or {@link IcmpAnswer#NONE}: nothing), about the IPv6
     * packet at {@code off} (RFC 7915 §5.4): the answer a refusal carries, named.
     *
     * @param rest the second 32-bit word of the ICMPv6 header (MTU, pointer, or zero)
     */
    public void send6(MemorySegment s, long off, int length, IcmpAnswer answer, int rest, int upperProtocol,
            long upperOffset) {
        if (answer.version() == 6) {
            send6(s, off, length, answer.type(), answer.code(), rest, upperProtocol, upperOffset);
        }
    }

    /**
     * Sends an ICMPv4 error about the IPv4 packet at {@code off} (RFC 7915 §4.4).
     *
     * @param rest the second 32-bit word of the ICMP header (MTU, pointer, or zero)
     */
    public void send4(MemorySegment s, long off, int length, int type, int code, int rest) {
        int offender = Ipv4Header.source(s, off);
        int flags = Ipv4Header.flagsOffset(s, off);
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
        int quoted = Math.min(length, MAX_ICMP4_ERROR - Ipv4Header.LENGTH - Icmp4Header.LENGTH);
        int total = Ipv4Header.LENGTH + Icmp4Header.LENGTH + quoted;
        Ipv4Header.write(out, o, 0, total, ctx.nextIdentification(), 0, HOP_LIMIT, IpProtocol.ICMP,
                ctx.settings.ownIpv4(), offender);
        long icmp = o + Ipv4Header.LENGTH;
        Icmp4Header.write(out, icmp, type, code, rest);
        Bytes.copy(s, off, out, icmp + Icmp4Header.LENGTH, quoted);
        Icmp4Header.fillChecksum(out, icmp, Icmp4Header.LENGTH + quoted);
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
        long srcHi = Ipv6Header.sourceHi(s, off);
        long srcLo = Ipv6Header.sourceLo(s, off);
        if (!ctx.settings.icmpErrors64() || isUnspecifiedOrMulticast(srcHi, srcLo)) {
            return;
        }
        if (upperProtocol == IpProtocol.ICMPV6 && upperOffset < off + length
                && IcmpMap64.isError(Icmp6Header.type(s, upperOffset))) {
            return;
        }
        if (!ctx.limit6.tryAcquire(ctx.state.now)) {
            ctx.counters.increment(XlatStat.ICMP_ERROR_RATE_LIMITED);
            return;
        }
        MemorySegment out = ctx.generatedScratch;
        long o = XlatContext.SCRATCH_OFFSET;
        int quoted = Math.min(length, MAX_ICMP6_ERROR - Ipv6Header.LENGTH - Icmp6Header.LENGTH);
        int icmpLength = Icmp6Header.LENGTH + quoted;
        long ownHi = ctx.settings.ownIpv6().hi();
        long ownLo = ctx.settings.ownIpv6().lo();
        Ipv6Header.write(out, o, 0, icmpLength, IpProtocol.ICMPV6, HOP_LIMIT, ownHi, ownLo, srcHi, srcLo);
        long icmp = o + Ipv6Header.LENGTH;
        Icmp6Header.write(out, icmp, type, code, rest);
        Bytes.copy(s, off, out, icmp + Icmp6Header.LENGTH, quoted);
        Icmp6Header.fillChecksum(out, icmp, icmpLength,
                Checksum.pseudo6(ownHi, ownLo, srcHi, srcLo, IpProtocol.ICMPV6, icmpLength));
        ctx.counters.increment(XlatStat.ICMP6_ERROR_SENT);
        ctx.state.sink.emit(Side.V6, out, o, Ipv6Header.LENGTH + icmpLength);
    }

    private static boolean isIcmp4Error(MemorySegment s, long off, int length) {
        int ihl = Ipv4Header.headerLength(s, off);
        return Ipv4Header.protocol(s, off) == IpProtocol.ICMP && length > ihl
                && IcmpMap46.isError(Icmp4Header.type(s, off + ihl));
    }

    private static boolean isUnspecifiedOrMulticast(long hi, long lo) {
        return (hi == 0 && lo == 0) || (hi >>> 56) == 0xFF;
    }
}
