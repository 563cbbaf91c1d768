package net.v6mostly.xlat.rfc7915;

import java.lang.foreign.MemorySegment;

import net.v6mostly.wire.Bytes;
import net.v6mostly.wire.Checksum;
import net.v6mostly.wire.IpProtocol;
import net.v6mostly.wire.Ipv4Header;
import net.v6mostly.wire.Ipv6Fragment;
import net.v6mostly.wire.Ipv6Header;
import net.v6mostly.wire.Transport;
import net.v6mostly.xlat.AddressMapper;
import net.v6mostly.xlat.Side;
import net.v6mostly.xlat.XlatStat;

/**
 * Translating ICMPv4 error messages into ICMPv6 (RFC 7915 §4.2 types and codes, §4.3 the embedded
 * packet, RFC 4884 extensions). The message is rebuilt in a scratch buffer because the embedded
 * header grows by 20 bytes; the result is at most 1280 bytes (RFC 4443 §2.4(c)).
 */
public final class IcmpError46 {
    private static final int ROOM = IcmpErrorSender.MAX_ICMP6_ERROR - Ipv6Header.LENGTH - Transport.ICMP_HEADER;

    private final XlatContext ctx;
    private final Ipv4Header inner = new Ipv4Header();
    private final Rfc4884 layout = new Rfc4884();

    /** Creates the ICMPv4 error translator of one thread. */
    public IcmpError46(XlatContext ctx) {
        this.ctx = ctx;
    }

    /** Translates the ICMPv4 error at {@code off}, whose outer addresses are already mapped. */
    public XlatStat translate(MemorySegment s, long off, int ihl, int total, int trafficClass, int hopLimit,
            long srcHi, long srcLo, long dstHi, long dstLo, boolean hairpinned) {
        MemorySegment out = ctx.errorScratch;
        long icmp = off + ihl;
        int icmpLength = total - ihl;
        if (icmpLength < Transport.ICMP_HEADER + Ipv4Header.LENGTH) {
            return ctx.exit(XlatStat.ICMP_ERROR_INNER_MALFORMED);
        }
        if (!Checksum.verifies(0, s, icmp, icmpLength)) {
            return ctx.exit(XlatStat.ICMP_BAD_CHECKSUM);
        }
        int type = Bytes.u8(s, icmp);
        int code = Bytes.u8(s, icmp + 1);
        int mapped = IcmpMap46.translate(type, code);
        if (mapped == IcmpMap46.DROP) {
            return ctx.exit(XlatStat.ICMP4_UNTRANSLATABLE_TYPE);
        }
        int type6 = mapped >>> 8;
        long embedded = icmp + Transport.ICMP_HEADER;
        int embeddedLength = icmpLength - Transport.ICMP_HEADER;
        XlatStat innerCheck = checkInner(s, embedded, embeddedLength);
        if (innerCheck != null) {
            return ctx.exit(innerCheck);
        }
        int rest = rest6(s, icmp, type, code, type6);
        if (rest < 0) {
            return ctx.exit(XlatStat.ICMP4_POINTER_UNTRANSLATABLE);
        }
        // RFC 4884 §4.1: a non-zero length attribute (32-bit words) splits datagram from extension
        int original = embeddedLength;
        int attribute = (type == 3 || type == 11 || type == 12) ? Bytes.u8(s, icmp + 5) : 0;
        if (attribute != 0 && attribute * 4 <= embeddedLength) {
            original = attribute * 4;
        }
        int extension = (type6 == 1 || type6 == 3) ? embeddedLength - original : 0;
        if (extension < 0) {
            extension = 0;
        }

        long o = XlatContext.SCRATCH_OFFSET;
        long innerOut = o + Ipv6Header.LENGTH + Transport.ICMP_HEADER;
        int innerLength = translateInner(s, embedded, original, out, innerOut, hairpinned);
        if (innerLength < 0) {
            return ctx.exit(XlatStat.ICMP_ERROR_INNER_MALFORMED);
        }
        layout.layout(innerLength, extension, ROOM, 8);
        int body = layout.paddedLength;
        if (layout.paddedLength > layout.innerLength) {
            Bytes.zero(out, innerOut + layout.innerLength, layout.paddedLength - layout.innerLength);
        }
        if (layout.keepExtension) {
            Bytes.copy(s, embedded + original, out, innerOut + body, extension);
            body += extension;
        }
        if (type6 == 1 || type6 == 3) {
            rest = layout.lengthAttribute << 24;
        }
        int icmpOutLength = Transport.ICMP_HEADER + body;
        Ipv6Header.write(out, o, trafficClass, icmpOutLength, IpProtocol.ICMPV6, hopLimit, srcHi, srcLo, dstHi, dstLo);
        long icmpOut = o + Ipv6Header.LENGTH;
        Bytes.put32(out, icmpOut, mapped << 16);
        Bytes.put32(out, icmpOut + Transport.ICMP_REST, rest);
        long sum = Checksum.pseudo6(srcHi, srcLo, dstHi, dstLo, IpProtocol.ICMPV6, icmpOutLength);
        Bytes.put16(out, icmpOut + Transport.ICMP_CHECKSUM, Checksum.finish(Checksum.add(sum, out, icmpOut, icmpOutLength)));
        ctx.state.sink.emit(Side.V6, out, o, Ipv6Header.LENGTH + icmpOutLength);
        return ctx.exit(XlatStat.TRANSLATED_46);
    }

    /** Null when the embedded packet can be translated, else the reason it cannot. */
    private XlatStat checkInner(MemorySegment s, long embedded, int length) {
        if (length < Ipv4Header.LENGTH || Bytes.u8(s, embedded) >>> 4 != 4) {
            return XlatStat.ICMP_ERROR_INNER_MALFORMED;
        }
        int ihl = (Bytes.u8(s, embedded) & 0xF) * 4;
        if (ihl < Ipv4Header.LENGTH || ihl > length) {
            return XlatStat.ICMP_ERROR_INNER_MALFORMED;
        }
        boolean first = (Bytes.u16(s, embedded + Ipv4Header.FLAGS_OFFSET) & Ipv4Header.OFFSET_MASK) == 0;
        if (Bytes.u8(s, embedded + Ipv4Header.PROTOCOL) == IpProtocol.ICMP && first && length > ihl
                && IcmpMap46.isError(Bytes.u8(s, embedded + ihl))) {
            return XlatStat.ICMP_ERROR_NESTED; // §4.3: stop at the first embedded header
        }
        return null;
    }

    /** The second word of the ICMPv6 header (§4.2), or -1 when a pointer cannot be translated. */
    private int rest6(MemorySegment s, long icmp, int type, int code, int type6) {
        if (type6 == 2) { // Fragmentation Needed -> Packet Too Big
            long embedded = icmp + Transport.ICMP_HEADER;
            return MtuMath.ptbFromFragNeeded(Bytes.u16(s, icmp + 6), Bytes.u16(s, embedded + Ipv4Header.TOTAL_LENGTH),
                    ctx.settings.mtu4(), ctx.settings.mtu6());
        }
        if (type6 == 4) {
            if (type == 3 && code == 2) {
                return 6; // Protocol Unreachable -> Parameter Problem pointing at Next Header
            }
            return IcmpMap46.pointer(Bytes.u8(s, icmp + 4));
        }
        return 0;
    }

    /**
     * Translates the embedded IPv4 packet (§4.3: "just like a normal IP packet", TTL untouched) into
     * {@code out}; returns its length, or -1 when its addresses cannot be mapped. In a hairpinned
     * error the embedded destination is the address the outer source mirrors, so it is mapped with
     * pool6 too (RFC 7757 §4.2).
     */
    private int translateInner(MemorySegment s, long embedded, int length, MemorySegment out, long o,
            boolean hairpinned) {
        inner.wrap(s, embedded, length);
        int ihl = inner.headerLength();
        if (length < ihl) {
            // an RFC 4884 length attribute shorter than the embedded header (RFC 4884 §4.1 wants
            // at least 128 octets): there is no IPv4 header to translate (§4.3)
            return -1;
        }
        int flags = inner.flagsOffset();
        boolean fragment = (flags & (Ipv4Header.MF | Ipv4Header.OFFSET_MASK)) != 0;
        boolean first = (flags & Ipv4Header.OFFSET_MASK) == 0;
        int src = inner.source();
        int dst = inner.destination();
        AddressMapper map = ctx.mapper;
        if (!ok(map.map46(src))) {
            return -1;
        }
        long srcHi = map.hi;
        long srcLo = map.lo;
        if (!ok(hairpinned ? map.map46ByPool6(dst) : map.map46(dst))) {
            return -1;
        }
        long dstHi = map.hi;
        long dstLo = map.lo;
        int protocol = inner.protocol();
        int nextHeader = protocol == IpProtocol.ICMP ? IpProtocol.ICMPV6 : protocol;
        int header = Ipv6Header.LENGTH + (fragment ? Ipv6Fragment.LENGTH : 0);
        int payload = length - ihl;
        int declaredPayload = Math.max(0, inner.totalLength() - ihl);
        int trafficClass = ctx.settings.resetTrafficClass() ? 0 : inner.tos();
        Ipv6Header.write(out, o, trafficClass, declaredPayload + (fragment ? Ipv6Fragment.LENGTH : 0),
                fragment ? IpProtocol.FRAGMENT : nextHeader, inner.ttl(), srcHi, srcLo, dstHi, dstLo);
        if (fragment) {
            Ipv6Fragment.write(out, o + Ipv6Header.LENGTH, nextHeader, flags & Ipv4Header.OFFSET_MASK,
                    (flags & Ipv4Header.MF) != 0, inner.identification());
        }
        long l4 = o + header;
        Bytes.copy(s, embedded + ihl, out, l4, payload);
        if (first && (protocol != IpProtocol.ICMP || payload >= Transport.ICMP_HEADER
                && IcmpMap46.translate(Bytes.u8(out, l4), Bytes.u8(out, l4 + 1)) != IcmpMap46.DROP)) {
            Xlat46.fixChecksum46(out, l4, payload, declaredPayload, protocol, false, false, src, dst, srcHi, srcLo, dstHi, dstLo);
        }
        return header + payload;
    }

    private static boolean ok(int how) {
        return how == AddressMapper.BY_EAM || how == AddressMapper.BY_POOL6;
    }
}
