package net.v6mostly.xlat.rfc7915;

import java.lang.foreign.MemorySegment;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv4Prefix;
import net.v6mostly.wire.Bytes;
import net.v6mostly.wire.Checksum;
import net.v6mostly.wire.Icmp4;
import net.v6mostly.wire.Icmp4Header;
import net.v6mostly.wire.Icmp6;
import net.v6mostly.wire.Icmp6Header;
import net.v6mostly.wire.IpProtocol;
import net.v6mostly.wire.Ipv4Header;
import net.v6mostly.wire.Ipv6Chain;
import net.v6mostly.wire.Ipv6Fragment;
import net.v6mostly.wire.Ipv6Header;
import net.v6mostly.xlat.AddressMapper;
import net.v6mostly.xlat.XlatStat;

/**
 * Translating ICMPv6 error messages into ICMPv4 (RFC 7915 §5.2 types and codes, §5.3 the embedded
 * packet, RFC 4884 extensions), with the source of an untranslatable error taken from the RFC 6791
 * pool or the dummy address 192.0.0.8 plus a Node Identification Object
 * (draft-ietf-v6ops-icmpext-xlat-v6only-source §4). The result is at most 576 bytes (RFC 1812
 * §4.3.2.3) and is left in {@link #outSegment} for the caller to emit or hairpin.
 */
public final class IcmpError64 {
    private static final int ROOM = IcmpErrorSender.MAX_ICMP4_ERROR - Ipv4Header.LENGTH - Icmp4Header.LENGTH;

    private final XlatContext ctx;
    private final Ipv6Chain chain = new Ipv6Chain();
    private final Ipv6Header outer = new Ipv6Header();
    private final Ipv6Header inner = new Ipv6Header();
    private final Rfc4884 layout = new Rfc4884();

    public MemorySegment outSegment;
    public long outOffset;
    public int outLength;

    /** Creates the ICMPv6 error translator of one thread. */
    public IcmpError64(XlatContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Translates the ICMPv6 error at {@code icmp} of the packet at {@code off}; the destination is
     * mapped, and {@code identification} is the outer IPv4 ID (from an atomic fragment, or new).
     */
    public XlatStat translate(MemorySegment s, long off, long icmp, int icmpLength, int tos, int ttl, int dst4,
            int identification) {
        outer.wrap(s, off, Ipv6Header.LENGTH);
        long srcHi = outer.sourceHi();
        long srcLo = outer.sourceLo();
        long dstHi = outer.destinationHi();
        long dstLo = outer.destinationLo();
        if (icmpLength < Icmp6Header.LENGTH + Ipv6Header.LENGTH) {
            return ctx.exit(XlatStat.ICMP_ERROR_INNER_MALFORMED);
        }
        long seed = Checksum.pseudo6(srcHi, srcLo, dstHi, dstLo, IpProtocol.ICMPV6, icmpLength);
        if (!Checksum.verifies(seed, s, icmp, icmpLength)) {
            return ctx.exit(XlatStat.ICMP_BAD_CHECKSUM);
        }
        int type = Icmp6Header.type(s, icmp);
        int mapped = IcmpMap64.translate(type, Icmp6Header.code(s, icmp));
        if (mapped == IcmpMap64.DROP) {
            return ctx.exit(XlatStat.ICMP6_UNTRANSLATABLE_TYPE);
        }
        int rest = rest4(s, icmp, type, mapped);
        if (rest == -1) {
            return ctx.exit(XlatStat.ICMP6_POINTER_UNTRANSLATABLE);
        }
        long embedded = icmp + Icmp6Header.LENGTH;
        int embeddedLength = icmpLength - Icmp6Header.LENGTH;
        XlatStat check = checkInner(s, embedded, embeddedLength);
        if (check != null) {
            return ctx.exit(check);
        }
        if (type == Icmp6.PACKET_TOO_BIG && chain.fragmentOffset() >= 0) {
            // §5.2: "taking into account whether or not the packet in error includes a Fragment
            // Header": its IPv4 form is 28 bytes shorter, not 20
            rest = Math.max(68, rest - 8);
        }
        // RFC 4884 §4.1: the ICMPv6 length attribute counts 64-bit words
        int original = embeddedLength;
        int attribute = Icmp6.carriesLengthAttribute(type) ? Icmp6Header.lengthAttribute(s, icmp) : 0;
        if (attribute != 0 && attribute * 8 <= embeddedLength) {
            original = attribute * 8;
        }
        int type4 = mapped >>> 8;
        boolean carriesLength = Icmp4.carriesLengthAttribute(type4);
        int extension = carriesLength ? embeddedLength - original : 0;

        int how = ctx.mapper.map64(srcHi, srcLo);
        int src4 = ctx.mapper.v4;
        boolean nodeId = false;
        // a source that maps to 0/8, 127/8, 224/4 or 240/4 is as untranslatable as one outside
        // every prefix (§5.1 illegal source, RFC 1812 §5.3.7): the error keeps going, sourced below
        if (how != AddressMapper.BY_EAM && how != AddressMapper.BY_POOL6 || Ipv4.isIllegalSource(src4)) {
            Ipv4Prefix pool = ctx.settings.rfc6791v4();
            if (pool != null) { // RFC 6791 §3: random address from the pool
                src4 = pool.address() | (ctx.nextRandom() & ~Ipv4.mask(pool.length()));
            } else if (ctx.settings.dummySourceExtension() && carriesLength) {
                src4 = Ipv4.DUMMY;
                nodeId = extension == 0 || NodeIdExtension.isVersion2(s, embedded + original, extension);
            } else {
                src4 = ctx.settings.ownIpv4();
            }
        }
        MemorySegment out = ctx.errorScratch;
        long o = XlatContext.SCRATCH_OFFSET;
        long innerOut = o + Ipv4Header.LENGTH + Icmp4Header.LENGTH;
        int innerLength = translateInner(s, embedded, original, out, innerOut);
        if (innerLength < 0) {
            return ctx.exit(XlatStat.ICMP_ERROR_INNER_MALFORMED);
        }
        int extensionOut = nodeId ? (extension == 0 ? NodeIdExtension.HEADER : extension) + NodeIdExtension.OBJECT
                : extension;
        layout.layout(innerLength, extensionOut, ROOM, 4);
        int body = layout.paddedLength;
        if (body > layout.innerLength) {
            Bytes.zero(out, innerOut + layout.innerLength, body - layout.innerLength);
        }
        if (layout.keepExtension) {
            long ext = innerOut + body;
            if (extension > 0) {
                Bytes.copy(s, embedded + original, out, ext, extension);
            }
            if (nodeId) {
                NodeIdExtension.writeObject(out, ext + (extension == 0 ? NodeIdExtension.HEADER : extension), srcHi, srcLo);
                NodeIdExtension.finish(out, ext, extensionOut);
            }
            body += extensionOut;
        }
        if (carriesLength) {
            rest = rest & 0xFF00_FFFF | layout.lengthAttribute << 16; // RFC 4884 §4.1: the second octet
        }
        int total = Ipv4Header.LENGTH + Icmp4Header.LENGTH + body;
        Ipv4Header.write(out, o, tos, total, identification, 0, ttl, IpProtocol.ICMP, src4, dst4);
        long icmpOut = o + Ipv4Header.LENGTH;
        Icmp4Header.write(out, icmpOut, type4, mapped & 0xFF, rest);
        Icmp4Header.fillChecksum(out, icmpOut, Icmp4Header.LENGTH + body);
        outSegment = out;
        outOffset = o;
        outLength = total;
        return XlatStat.TRANSLATED_64;
    }

    /** The second word of the ICMPv4 header (§5.2), or -1 when a pointer cannot be translated. */
    private int rest4(MemorySegment s, long icmp, int type, int mapped) {
        if (type == Icmp6.PACKET_TOO_BIG) { // Packet Too Big -> Fragmentation Needed
            return MtuMath.fragNeededFromPtb(Icmp6Header.mtu(s, icmp), ctx.settings.mtu4(), ctx.settings.mtu6());
        }
        if (mapped == (Icmp4.PARAMETER_PROBLEM << 8 | Icmp4.POINTER_INDICATES_ERROR)) {
            int pointer = IcmpMap64.pointer(Icmp6Header.pointer(s, icmp));
            return pointer < 0 ? -1 : pointer << 24;
        }
        return 0;
    }

    private XlatStat checkInner(MemorySegment s, long embedded, int length) {
        if (inner.wrap(s, embedded, length).version() != 6) {
            return XlatStat.ICMP_ERROR_INNER_MALFORMED;
        }
        if (chain.walk(s, embedded, embedded + length) != Ipv6Chain.Check.OK) {
            return XlatStat.ICMP_ERROR_INNER_MALFORMED;
        }
        long l4 = chain.upperOffset();
        boolean first = chain.fragmentOffset() < 0 || Ipv6Fragment.fragmentOffset(s, chain.fragmentOffset()) == 0;
        if (chain.protocol() == IpProtocol.ICMPV6 && first && l4 < embedded + length
                && IcmpMap64.isError(Icmp6Header.type(s, l4))) {
            return XlatStat.ICMP_ERROR_NESTED; // §5.3: stop at the first embedded header
        }
        return null;
    }

    /** Translates the embedded IPv6 packet (§5.3, Hop Limit untouched); its length, or -1. */
    private int translateInner(MemorySegment s, long embedded, int length, MemorySegment out, long o) {
        if (chain.walk(s, embedded, embedded + length) != Ipv6Chain.Check.OK) {
            return -1;
        }
        inner.wrap(s, embedded, length);
        long srcHi = inner.sourceHi();
        long srcLo = inner.sourceLo();
        long dstHi = inner.destinationHi();
        long dstLo = inner.destinationLo();
        AddressMapper map = ctx.mapper;
        int how = map.map64(srcHi, srcLo);
        if (how != AddressMapper.BY_EAM && how != AddressMapper.BY_POOL6) {
            return -1;
        }
        int src4 = map.v4;
        how = map.map64(dstHi, dstLo);
        if (how != AddressMapper.BY_EAM && how != AddressMapper.BY_POOL6) {
            return -1;
        }
        int dst4 = map.v4;
        int protocol = chain.protocol();
        long l4 = chain.upperOffset();
        int payload = (int) (embedded + length - l4);
        if (payload < 0) {
            // an RFC 4884 length attribute shorter than the embedded headers (RFC 4884 §4.1 wants
            // at least 128 octets): there is no IPv6 header chain to translate (§5.3)
            return -1;
        }
        int declared = Math.max(0, inner.payloadLength() - chain.headersLength());
        long fragment = chain.fragmentOffset();
        int identification;
        int flags;
        if (fragment >= 0) {
            identification = Ipv6Fragment.identification(s, fragment) & 0xFFFF;
            flags = Ipv6Fragment.fragmentOffset(s, fragment) | (Ipv6Fragment.moreFragments(s, fragment) ? Ipv4Header.MF : 0);
        } else {
            identification = ctx.nextIdentification();
            flags = Ipv4Header.LENGTH + declared > 1260 ? Ipv4Header.DF : 0;
        }
        int tos = ctx.settings.resetTrafficClass() ? 0 : inner.trafficClass();
        int protocol4 = protocol == IpProtocol.ICMPV6 ? IpProtocol.ICMP : protocol;
        Ipv4Header.write(out, o, tos, Ipv4Header.LENGTH + declared, identification, flags,
                inner.hopLimit(), protocol4, src4, dst4);
        long l4Out = o + Ipv4Header.LENGTH;
        Bytes.copy(s, l4, out, l4Out, payload);
        boolean first = fragment < 0 || Ipv6Fragment.fragmentOffset(s, fragment) == 0;
        if (first && (protocol != IpProtocol.ICMPV6 || payload >= Icmp6Header.LENGTH
                && IcmpMap64.translate(Icmp6Header.type(out, l4Out), Icmp6Header.code(out, l4Out)) != IcmpMap64.DROP)) {
            Xlat64.fixChecksum64(out, l4Out, payload, declared, protocol, false, srcHi, srcLo, dstHi, dstLo, src4, dst4);
        }
        return Ipv4Header.LENGTH + payload;
    }
}
