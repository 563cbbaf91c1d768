package net.v6mostly.xlat.rfc7915;

import java.lang.foreign.MemorySegment;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.wire.Bytes;
import net.v6mostly.wire.Checksum;
import net.v6mostly.wire.IpProtocol;
import net.v6mostly.wire.Ipv4Header;
import net.v6mostly.wire.Ipv6Chain;
import net.v6mostly.wire.Ipv6Fragment;
import net.v6mostly.wire.Ipv6Header;
import net.v6mostly.wire.Transport;
import net.v6mostly.xlat.AddressMapper;
import net.v6mostly.xlat.Offload;
import net.v6mostly.xlat.TranslationState;
import net.v6mostly.xlat.XlatStat;

/**
 * Translating from IPv6 to IPv4 (RFC 7915 §5): validate the header and its extension chain,
 * decide, then write the IPv4 header just before the upper-layer header so the payload never
 * moves. ICMPv6 errors go to {@link IcmpError64}. The result is handed to the caller, who emits it
 * or hairpins it (RFC 7757 §4.2).
 */
public final class Xlat64 {
    /** §5.1: translated packets of at most this size get DF clear. */
    private static final int DF_THRESHOLD = 1260;

    private final XlatContext ctx;
    private final IcmpErrorSender errors;
    private final IcmpError64 icmpErrors;
    private final TranslationState state;
    private final Ipv6Header ip;
    private final Ipv6Chain chain;

    /** How the IPv6 destination was mapped ({@link AddressMapper#BY_EAM} or {@code BY_POOL6}). */
    public int destinationMapping;

    /** Creates the 6→4 pipeline of one thread. */
    public Xlat64(XlatContext ctx, IcmpErrorSender errors) {
        this.ctx = ctx;
        this.errors = errors;
        this.icmpErrors = new IcmpError64(ctx);
        this.state = ctx.state;
        this.ip = state.ip6;
        this.chain = state.chain;
    }

    /**
     * Translates the IPv6 packet at {@code off}: {@link #parse}, then {@link #translateParsed}.
     */
    public XlatStat translate(MemorySegment s, long off, int len) {
        XlatStat malformed = parse(s, off, len);
        if (malformed == XlatStat.EXTENSION_AFTER_FRAGMENT_64) {
            // §5.1.1 "SHOULD be dropped and logged"; §5.4 default error 1/1
            reject(XlatStat.EXTENSION_AFTER_FRAGMENT_64, s, off, ip.totalLength(), chain.protocol(),
                    chain.upperOffset());
        }
        return malformed != null ? malformed : translateParsed(s, off);
    }

    /**
     * Parses the IPv6 header and its extension chain into the thread's {@link TranslationState}
     * ({@code ip6}, {@code chain}), once for every step that reads them.
     *
     * @return null when the packet can be translated, else the malformed exit (§5.1.1 for an
     *         extension after the Fragment header)
     */
    public XlatStat parse(MemorySegment s, long off, int len) {
        switch (ip.wrap(s, off, len).check()) {
            case TRUNCATED, NOT_VERSION_6 -> { return ctx.exit(XlatStat.IPV6_TRUNCATED); }
            case BAD_PAYLOAD_LENGTH -> { return ctx.exit(XlatStat.IPV6_BAD_PAYLOAD_LENGTH); }
            case OK -> { }
        }
        state.source6Hi = ip.sourceHi();
        state.source6Lo = ip.sourceLo();
        state.destination6Hi = ip.destinationHi();
        state.destination6Lo = ip.destinationLo();
        return switch (chain.walk(s, off, off + ip.totalLength())) {
            case TRUNCATED -> ctx.exit(XlatStat.IPV6_EXTENSION_TRUNCATED);
            case DUPLICATE_FRAGMENT -> ctx.exit(XlatStat.IPV6_DUPLICATE_FRAGMENT_HEADER);
            case EXTENSION_AFTER_FRAGMENT -> ctx.exit(XlatStat.EXTENSION_AFTER_FRAGMENT_64);
            case OK -> null;
        };
    }

    /**
     * Translates the IPv6 packet {@link #parse} read; on {@link XlatStat#TRANSLATED_64} the IPv4
     * packet is described by the state's {@code outSegment}, {@code outOffset} and
     * {@code outLength} and not yet emitted. The port or Identifier at the state's
     * {@code portField}, if any, becomes its {@code outPort} in the same checksum update as the
     * addresses.
     */
    public XlatStat translateParsed(MemorySegment s, long off) {
        int total = ip.totalLength();
        long end = off + total;
        int protocol = chain.protocol();
        long l4 = chain.upperOffset();
        int l4Length = (int) (end - l4);
        long fragment = chain.fragmentOffset();
        boolean first = fragment < 0 || Ipv6Fragment.fragmentOffset(s, fragment) == 0;
        // an atomic fragment (offset 0, M clear, RFC 8021) is a whole packet that carries an ID
        boolean realFragment = fragment >= 0 && !(first && !Ipv6Fragment.moreFragments(s, fragment));
        boolean icmpError = protocol == IpProtocol.ICMPV6 && first && l4Length > 0 && IcmpMap64.isError(Bytes.u8(s, l4));

        if ((state.destination6Hi >>> 56) == 0xFF) {
            // multicast (MLD, ND on the TUN link) is never translated, and RFC 4443 §2.4(e.3)
            // forbids answering it with an error: drop before the Hop Limit check
            return ctx.exit(XlatStat.DESTINATION6_UNTRANSLATABLE);
        }
        if (!admitted()) { // the operator's allow6-sources
            return reject(XlatStat.SOURCE6_NOT_ALLOWED, s, off, total, protocol, l4);
        }
        if (ip.hopLimit() <= 1) { // §5.1 Hop Limit, RFC 8200 §3
            return refuse(XlatStat.HOP_LIMIT_EXPIRED_64, s, off, total, 0, protocol, l4);
        }
        if (chain.segmentsLeftOffset() >= 0) { // §5.1: Routing header with Segments Left not zero
            int pointer = (int) (chain.segmentsLeftOffset() - off); // RFC 4443 §3.4: the offending octet
            return refuse(XlatStat.SEGMENTS_LEFT_64, s, off, total, pointer, protocol, l4);
        }
        int trafficClass = ctx.settings.resetTrafficClass() ? 0 : ip.trafficClass();
        int ttl = ip.hopLimit() - 1;
        if (state.addressesGiven && !icmpError) {
            // the NAT64's session (RFC 6146 §3.6), its destination policy checked at extraction
            if (isIllegal(state.source6Hi, state.source6Lo)) { // §5.1: silently, as mapSource does
                return ctx.exit(XlatStat.SOURCE6_UNTRANSLATABLE);
            }
            return translateTransport(s, off, total, protocol, l4, l4Length, fragment, realFragment, first,
                    trafficClass, ttl, state.source4, state.destination4);
        }
        XlatStat refused = mapDestination(s, off, total, protocol, l4);
        if (refused != null) {
            return refused;
        }
        int dst4 = ctx.mapper.v4;
        if (icmpError) {
            int identification = fragment >= 0 ? Ipv6Fragment.identification(s, fragment) & 0xFFFF
                    : ctx.nextIdentification();
            XlatStat result = icmpErrors.translate(s, off, l4, l4Length, trafficClass, ttl, dst4, identification);
            state.outSegment = icmpErrors.outSegment;
            state.outOffset = icmpErrors.outOffset;
            state.outLength = icmpErrors.outLength;
            return result;
        }
        refused = mapSource(s, off, total, protocol, l4);
        if (refused != null) {
            return refused;
        }
        int src4 = ctx.mapper.v4;
        return translateTransport(s, off, total, protocol, l4, l4Length, fragment, realFragment, first, trafficClass,
                ttl, src4, dst4);
    }

    /**
     * §5.1 Destination Address by §6 (EAM, then pool6), then what is never reached: on success
     * the IPv4 destination is in the mapper's {@code v4}; otherwise the counted, answered exit.
     */
    private XlatStat mapDestination(MemorySegment s, long off, int total, int protocol, long l4) {
        long dstHi = state.destination6Hi;
        long dstLo = state.destination6Lo;
        if (isIllegal(dstHi, dstLo)) {
            return ctx.exit(XlatStat.DESTINATION6_UNTRANSLATABLE);
        }
        destinationMapping = ctx.mapper.map64(dstHi, dstLo);
        if (destinationMapping != AddressMapper.BY_EAM && destinationMapping != AddressMapper.BY_POOL6) {
            return reject(destinationMapping == AddressMapper.WKP_REFUSED ? XlatStat.WKP_NON_GLOBAL
                    : XlatStat.DESTINATION6_UNTRANSLATABLE, s, off, total, protocol, l4);
        }
        XlatStat refused = refusedDestination(ctx.mapper.v4);
        if (refused != null) {
            return reject(refused, s, off, total, protocol, l4);
        }
        return null;
    }

    /**
     * §5.1 Source Address by §6: on success the IPv4 source is in the mapper's {@code v4}. A
     * source outside every prefix is answered with code 5; an illegal one (::1, or one that maps
     * to 0/8, 127/8, 224/4, 240/4) is silently dropped, as §5.1 says.
     */
    private XlatStat mapSource(MemorySegment s, long off, int total, int protocol, long l4) {
        long srcHi = ip.sourceHi();
        long srcLo = ip.sourceLo();
        if (isIllegal(srcHi, srcLo)) {
            return ctx.exit(XlatStat.SOURCE6_UNTRANSLATABLE);
        }
        int how = ctx.mapper.map64(srcHi, srcLo);
        if (how == AddressMapper.WKP_REFUSED) {
            return reject(XlatStat.WKP_NON_GLOBAL, s, off, total, protocol, l4);
        }
        if (how != AddressMapper.BY_EAM && how != AddressMapper.BY_POOL6) {
            return reject(XlatStat.SOURCE6_UNTRANSLATABLE, s, off, total, protocol, l4);
        }
        if (Ipv4.isIllegalSource(ctx.mapper.v4)) { // RFC 1812 §5.3.7
            return ctx.exit(XlatStat.SOURCE4_FORBIDDEN_64);
        }
        return null;
    }

    private XlatStat translateTransport(MemorySegment s, long off, int total, int protocol, long l4, int l4Length,
            long fragment, boolean realFragment, boolean first, int tos, int ttl, int src4, int dst4) {
        if (protocol == IpProtocol.ICMPV6) {
            if (realFragment) {
                return ctx.exit(XlatStat.FRAGMENTED_ICMP);
            }
            if (l4Length < Transport.ICMP_HEADER) {
                return ctx.exit(XlatStat.TRANSPORT_TRUNCATED);
            }
            if (IcmpMap64.translate(Bytes.u8(s, l4), Bytes.u8(s, l4 + 1)) == IcmpMap64.DROP) {
                return ctx.exit(XlatStat.ICMP6_UNTRANSLATABLE_TYPE);
            }
        } else if (first && l4Length < Transport.minimumHeader(protocol)) {
            return ctx.exit(XlatStat.TRANSPORT_TRUNCATED);
        }
        int outTotal = Ipv4Header.LENGTH + l4Length;
        boolean segmented = (ctx.state.offload & Offload.SEGMENTATION) != 0;
        if (outTotal > ctx.settings.mtu4() && !segmented) { // §5.1, §1.4: the translator acts as a router
            int mtu = Math.max(1280, ctx.settings.mtu4() + 20);
            return refuse(XlatStat.TOO_BIG_64, s, off, total, mtu, protocol, l4);
        }
        if (first) {
            fixChecksum64(s, l4, l4Length, l4Length, protocol, (ctx.state.offload & Offload.PARTIAL_CHECKSUM) != 0,
                    source6Hi(), source6Lo(), state.destination6Hi, state.destination6Lo, src4, dst4,
                    state.portField, state.outPort);
        }
        int identification;
        int flags;
        if (fragment >= 0) { // §5.1.1
            identification = Ipv6Fragment.identification(s, fragment) & 0xFFFF;
            flags = Ipv6Fragment.fragmentOffset(s, fragment) | (Ipv6Fragment.moreFragments(s, fragment) ? Ipv4Header.MF : 0);
        } else {
            identification = ctx.nextIdentification();
            flags = outTotal > DF_THRESHOLD || segmented ? Ipv4Header.DF : 0;
        }
        int protocol4 = protocol == IpProtocol.ICMPV6 ? IpProtocol.ICMP : protocol;
        long out = l4 - Ipv4Header.LENGTH;
        Ipv4Header.write(s, out, tos, outTotal, identification, flags, ttl, protocol4, src4, dst4);
        state.outSegment = s;
        state.outOffset = out;
        state.outLength = outTotal;
        return XlatStat.TRANSLATED_64;
    }

    /**
     * §5.5 and §5.2: TCP and UDP checksums follow the pseudo-header from IPv6 to IPv4 addresses by
     * RFC 1624 incremental update; ICMPv6 Echo becomes ICMPv4 Echo, losing the pseudo-header.
     */
    static void fixChecksum64(MemorySegment s, long l4, int l4Length, int pseudoLength, int protocol,
            boolean partial, long srcHi,
            long srcLo, long dstHi, long dstLo, int src4, int dst4) {
        fixChecksum64(s, l4, l4Length, pseudoLength, protocol, partial, srcHi, srcLo, dstHi, dstLo, src4, dst4,
                TranslationState.NO_PORT, 0);
    }

    /**
     * As above, and the port or Echo Identifier at {@code portField} (unless
     * {@link TranslationState#NO_PORT}) becomes {@code outPort} in the same update (RFC 6146 §3.7:
     * the NAT64's transport address). A partial checksum covers only the pseudo-header, not the
     * port, so there only the addresses move.
     */
    static void fixChecksum64(MemorySegment s, long l4, int l4Length, int pseudoLength, int protocol,
            boolean partial, long srcHi, long srcLo, long dstHi, long dstLo, int src4, int dst4, long portField,
            int outPort) {
        int oldPort = 0;
        int newPort = 0;
        if (portField != TranslationState.NO_PORT) {
            oldPort = Bytes.u16(s, portField);
            newPort = outPort;
            Bytes.put16(s, portField, outPort);
        }
        switch (protocol) {
            case IpProtocol.TCP, IpProtocol.UDP -> {
                int at = Transport.checksumOffset(protocol);
                if (l4Length < at + 2 || protocol == IpProtocol.UDP && !partial && Bytes.u16(s, l4 + at) == 0) {
                    return;
                }
                long removed = Checksum.add64(Checksum.add64(Checksum.add64(Checksum.add64(0, srcHi), srcLo), dstHi), dstLo);
                long added = Checksum.add32(Checksum.add32(0, src4), dst4);
                int checksum = partial ? Checksum.updatePartial(Bytes.u16(s, l4 + at), removed, added)
                        : Checksum.update(Bytes.u16(s, l4 + at), removed + oldPort, added + newPort);
                if (protocol == IpProtocol.UDP && checksum == 0 && !partial) {
                    checksum = 0xFFFF;
                }
                Bytes.put16(s, l4 + at, checksum);
            }
            case IpProtocol.ICMPV6 -> {
                int typeCode = Bytes.u16(s, l4);
                int mapped = IcmpMap64.translate(typeCode >>> 8, typeCode & 0xFF);
                Bytes.put16(s, l4, mapped);
                long removed = Checksum.pseudo6(srcHi, srcLo, dstHi, dstLo, IpProtocol.ICMPV6, pseudoLength) + typeCode
                        + oldPort;
                long field = l4 + Transport.ICMP_CHECKSUM;
                int checksum = Checksum.update(Bytes.u16(s, field), removed, mapped + newPort);
                // RFC 1624 §3 eqn. 3 yields 0x0000 where a full sum of an all-zero Echo Reply gives
                // 0xFFFF; 0xFFFF verifies wherever 0x0000 does, so never write 0x0000
                Bytes.put16(s, field, checksum == 0 ? 0xFFFF : checksum);
            }
            default -> {
            }
        }
    }

    /**
     * Refuses the packet with the ICMPv6 error its exit carries ({@link XlatStat#answer}, RFC 7915
     * §5.4), {@code rest} being the error's second word (an MTU, a pointer), and names the exit.
     */
    private XlatStat refuse(XlatStat exit, MemorySegment s, long off, int total, int rest, int protocol, long l4) {
        errors.send6(s, off, total, exit.answer(6), rest, protocol, l4);
        return ctx.exit(exit);
    }

    /**
     * §5.4: a discarded packet is answered with ICMPv6 Destination Unreachable (the exit's
     * answer: 1/1, Communication Administratively Prohibited, or for a source that cannot be
     * mapped or is not admitted, §5.1, 1/5, "source address failed ingress/egress policy", RFC
     * 4443 §3.1), "unless the discarded packet is itself an ICMPv6 message".
     */
    private XlatStat reject(XlatStat exit, MemorySegment s, long off, int total, int protocol, long l4) {
        if (protocol != IpProtocol.ICMPV6) {
            errors.send6(s, off, total, exit.answer(6), 0, protocol, l4);
        }
        return ctx.exit(exit);
    }

    /** Whether the operator's allow6-sources list (empty: everyone) admits the source. */
    private boolean admitted() {
        var allow = ctx.settings.allow6Sources();
        return allow.isEmpty() || allow.contains(ip.sourceHi(), ip.sourceLo());
    }

    /**
     * The source as parsed, unless a step rewrote it since: the NAT64 rewrites the outer source of
     * an ICMPv6 error (to X') before the translation, and gives no addresses for those.
     */
    private long source6Hi() {
        return state.addressesGiven ? state.source6Hi : ip.sourceHi();
    }

    private long source6Lo() {
        return state.addressesGiven ? state.source6Lo : ip.sourceLo();
    }

    /**
     * IPv4 destinations no translator reaches whatever the prefix (DESIGN.md §6): this network
     * (0/8), loopback (127/8), multicast (224/4), reserved (240/4) and the limited broadcast, which
     * RFC 1812 §5.3.7 forbids a router to forward to; then the operator's deny4 list.
     *
     * @return the exit, or null when the destination may be reached
     */
    private XlatStat refusedDestination(int dst4) {
        if (Ipv4.isIllegalDestination(dst4)) {
            return XlatStat.DESTINATION4_FORBIDDEN_64;
        }
        return ctx.settings.deny4().contains(dst4) ? XlatStat.DENY4_DESTINATION_64 : null;
    }

    /** §5.1: unspecified, loopback and multicast IPv6 addresses are never translated. */
    static boolean isIllegal(long hi, long lo) {
        return hi == 0 && (lo == 0 || lo == 1) || (hi >>> 56) == 0xFF;
    }
}
