package net.v6mostly.xlat.rfc7915;

import java.lang.foreign.MemorySegment;

import net.v6mostly.wire.Bytes;
import net.v6mostly.wire.Checksum;
import net.v6mostly.wire.Icmp4;
import net.v6mostly.wire.Icmp4Header;
import net.v6mostly.wire.Icmp6;
import net.v6mostly.wire.Icmp6Header;
import net.v6mostly.wire.IpProtocol;
import net.v6mostly.wire.Ipv4Header;
import net.v6mostly.wire.Ipv6Fragment;
import net.v6mostly.wire.Ipv6Header;
import net.v6mostly.xlat.AddressMapper;
import net.v6mostly.xlat.Side;
import net.v6mostly.xlat.XlatStat;

/**
 * Translating ICMPv4 error messages into ICMPv6 (RFC 7915 §4.2 types and codes, §4.3 the embedded
 * packet, RFC 4884 extensions). The message is rebuilt in a scratch buffer because the embedded
 * header grows by 20 bytes; the result is at most 1280 bytes (RFC 4443 §2.4(c)).
 */
public final class IcmpError46 {
    private static final int ROOM = IcmpErrorSender.MAX_ICMP6_ERROR - Ipv6Header.LENGTH - Icmp6Header.LENGTH;

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
        if (icmpLength < Icmp4Header.LENGTH + Ipv4Header.LENGTH) {
            return ctx.exit(XlatStat.ICMP_ERROR_INNER_MALFORMED);
        }
        if (!Checksum.verifies(0, s, icmp, icmpLength)) {
            return ctx.exit(XlatStat.ICMP_BAD_CHECKSUM);
        }
        int type = Icmp4Header.type(s, icmp);
        int code = Icmp4Header.code(s, icmp);
        int mapped = IcmpMap46.translate(type, code);
        if (mapped == IcmpMap46.DROP) {
            return ctx.exit(XlatStat.ICMP4_UNTRANSLATABLE_TYPE);
        }
        int type6 = mapped >>> 8;
        long embedded = icmp + Icmp4Header.LENGTH;
        int embeddedLength = icmpLength - Icmp4Header.LENGTH;
        XlatStat innerCheck = checkInner(s, embedded, embeddedLength);
        if (innerCheck != null) {
            return ctx.exit(innerCheck);
        }
        int rest = rest6(s, icmp, type, code, type6, inner.totalLength());
        if (rest < 0) {
            return ctx.exit(XlatStat.ICMP4_POINTER_UNTRANSLATABLE);
        }
        // RFC 4884 §4.1: a non-zero length attribute (32-bit words) splits datagram from extension
        int original = embeddedLength;
        int attribute = Icmp4.carriesLengthAttribute(type) ? Icmp4Header.lengthAttribute(s, icmp) : 0;
        if (attribute != 0 && attribute * 4 <= embeddedLength) {
            original = attribute * 4;
        }
        int extension = Icmp6.carriesLengthAttribute(type6) ? embeddedLength - original : 0;
        if (extension < 0) {
            extension = 0;
        }

        long o = XlatContext.SCRATCH_OFFSET;
        long innerOut = o + Ipv6Header.LENGTH + Icmp6Header.LENGTH;
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
        if (Icmp6.carriesLengthAttribute(type6)) {
            rest = layout.lengthAttribute << 24; // RFC 4884 §4.1: the first octet of the second word
        }
        int icmpOutLength = Icmp6Header.LENGTH + body;
        Ipv6Header.write(out, o, trafficClass, icmpOutLength, IpProtocol.ICMPV6, hopLimit, srcHi, srcLo, dstHi, dstLo);
        long icmpOut = o + Ipv6Header.LENGTH;
        Icmp6Header.write(out, icmpOut, type6, mapped & 0xFF, rest);
        Icmp6Header.fillChecksum(out, icmpOut, icmpOutLength,
                Checksum.pseudo6(srcHi, srcLo, dstHi, dstLo, IpProtocol.ICMPV6, icmpOutLength));
        ctx.state.sink.emit(Side.V6, out, o, Ipv6Header.LENGTH + icmpOutLength);
        return ctx.exit(XlatStat.TRANSLATED_46);
    }

    /**
     * Null when the embedded packet can be translated, else the reason it cannot; leaves
     * {@link #inner} on the embedded header.
     */
    private XlatStat checkInner(MemorySegment s, long embedded, int length) {
        inner.wrap(s, embedded, length);
        if (length < Ipv4Header.LENGTH || inner.version() != 4) {
            return XlatStat.ICMP_ERROR_INNER_MALFORMED;
        }
        int ihl = inner.headerLength();
        if (ihl < Ipv4Header.LENGTH || ihl > length) {
            return XlatStat.ICMP_ERROR_INNER_MALFORMED;
        }
        boolean first = inner.fragmentOffset() == 0;
        if (inner.protocol() == IpProtocol.ICMP && first && length > ihl
                && IcmpMap46.isError(Icmp4Header.type(s, inner.payloadOffset()))) {
            return XlatStat.ICMP_ERROR_NESTED; // §4.3: stop at the first embedded header
        }
        return null;
    }

    /**
     * The second word of the ICMPv6 header (§4.2), or -1 when a pointer cannot be translated;
     * {@code embeddedTotalLength} is the Total Length of the embedded IPv4 header.
     */
    private int rest6(MemorySegment s, long icmp, int type, int code, int type6, int embeddedTotalLength) {
        if (type6 == Icmp6.PACKET_TOO_BIG) { // Fragmentation Needed -> Packet Too Big
            return MtuMath.ptbFromFragNeeded(Icmp4Header.nextHopMtu(s, icmp), embeddedTotalLength,
                    ctx.settings.mtu4(), ctx.settings.mtu6());
        }
        if (type6 == Icmp6.PARAMETER_PROBLEM) {
            if (type == Icmp4.DESTINATION_UNREACHABLE && code == Icmp4.PROTOCOL_UNREACHABLE) {
                return Ipv6Header.NEXT_HEADER; // Protocol Unreachable -> Parameter Problem pointing at Next Header
            }
            return IcmpMap46.pointer(Icmp4Header.pointer(s, icmp));
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
        if (first && (protocol != IpProtocol.ICMP || payload >= Icmp4Header.LENGTH
                && IcmpMap46.translate(Icmp4Header.type(out, l4), Icmp4Header.code(out, l4)) != IcmpMap46.DROP)) {
            Xlat46.fixChecksum46(out, l4, payload, declaredPayload, protocol, false, false, src, dst, srcHi, srcLo, dstHi, dstLo);
        }
        return header + payload;
    }

    private static boolean ok(int how) {
        return how == AddressMapper.BY_EAM || how == AddressMapper.BY_POOL6;
    }
}
