package net.v6mostly.xlat.rfc7915;

import java.lang.foreign.MemorySegment;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv6Prefix;
import net.v6mostly.wire.Bytes;
import net.v6mostly.wire.Checksum;
import net.v6mostly.wire.IpProtocol;
import net.v6mostly.wire.Ipv4Header;
import net.v6mostly.wire.Ipv6Fragment;
import net.v6mostly.wire.Ipv6Header;
import net.v6mostly.wire.Transport;
import net.v6mostly.xlat.AddressMapper;
import net.v6mostly.xlat.Offload;
import net.v6mostly.xlat.Side;
import net.v6mostly.xlat.TranslationState;
import net.v6mostly.xlat.XlatStat;

/**
 * Translating from IPv4 to IPv6 (RFC 7915 §4): validate, decide, then rewrite the header in place
 * into the headroom so the payload never moves (DESIGN.md §3.4). ICMPv4 errors go to
 * {@link IcmpError46}; packets larger than lowest-ipv6-mtu without DF go to {@link Fragmenter46}.
 */
public final class Xlat46 {
    private final XlatContext ctx;
    private final IcmpErrorSender errors;
    private final IcmpError46 icmpErrors;
    private final Fragmenter46 fragmenter;
    private final TranslationState state;
    private final Ipv4Header ip;

    /** Creates the 4→6 pipeline of one thread. */
    public Xlat46(XlatContext ctx, IcmpErrorSender errors) {
        this.ctx = ctx;
        this.errors = errors;
        this.icmpErrors = new IcmpError46(ctx);
        this.fragmenter = new Fragmenter46(ctx);
        this.state = ctx.state;
        this.ip = state.ip4;
    }

    /**
     * Translates the IPv4 packet at {@code off}: {@link #parse}, then {@link #translateParsed}.
     *
     * @param hairpinned the packet is the 6→4 result of a hairpinned packet (RFC 7757 §4.2): its
     *                   TTL was already decremented and its source is mapped with pool6
     */
    public XlatStat translate(MemorySegment s, long off, int len, boolean hairpinned) {
        XlatStat malformed = parse(s, off, len);
        return malformed != null ? malformed : translateParsed(s, off, hairpinned);
    }

    /**
     * Parses and validates the IPv4 header (its checksum verified, RFC 1812 §5.2.2) into the
     * thread's {@link TranslationState} ({@code ip4}), once for every step that reads it.
     *
     * @return null when the header is sound, else the malformed exit
     */
    public XlatStat parse(MemorySegment s, long off, int len) {
        return switch (ip.wrap(s, off, len).check(true)) {
            case TRUNCATED, NOT_VERSION_4 -> ctx.exit(XlatStat.IPV4_TRUNCATED);
            case BAD_IHL -> ctx.exit(XlatStat.IPV4_BAD_IHL);
            case BAD_TOTAL_LENGTH -> ctx.exit(XlatStat.IPV4_BAD_TOTAL_LENGTH);
            case BAD_CHECKSUM -> ctx.exit(XlatStat.IPV4_BAD_CHECKSUM);
            case OK -> null;
        };
    }

    /**
     * Translates the IPv4 packet {@link #parse} read (RFC 7915 §4). The port or Identifier at the
     * state's {@code portField}, if any, becomes its {@code outPort} in the same checksum update
     * as the addresses, after every ICMPv4 error about the packet was built (they quote it as the
     * IPv4 peer sent it).
     *
     * @param hairpinned as for {@link #translate}
     */
    public XlatStat translateParsed(MemorySegment s, long off, boolean hairpinned) {
        int ihl = ip.headerLength();
        int total = ip.totalLength();
        int protocol = ip.protocol();
        int flags = ip.flagsOffset();
        boolean fragment = ip.isFragment();
        boolean first = ip.fragmentOffset() == 0;
        long l4 = off + ihl;
        int l4Length = total - ihl;
        boolean icmpError = protocol == IpProtocol.ICMP && first && l4Length > 0 && IcmpMap46.isError(Bytes.u8(s, l4));

        if (Ipv4.isIllegalDestination(ip.destination())) {
            // multicast, broadcast and reserved destinations are never translated nor answered
            // (RFC 1812 §4.3.2.7): drop before the TTL check
            return ctx.exit(XlatStat.DESTINATION4_ILLEGAL);
        }
        if (ctx.settings.deny4().contains(ip.source())) {
            // the operator's deny4: nothing from there is translated, and nothing (not even an
            // ICMPv4 error) goes back to it; before the TTL check for that reason
            return ctx.exit(XlatStat.DENY4_SOURCE_46);
        }
        // §4.1 Hop Limit: "the translator MUST check for TTL expiry" (RFC 1812 §5.3.1)
        if (!hairpinned && ip.ttl() <= 1) {
            return refuse(XlatStat.TTL_EXPIRED_46, s, off, total, 0);
        }
        if (ihl > Ipv4Header.LENGTH) {
            int options = Ipv4Options.scan(s, off + Ipv4Header.LENGTH, ihl - Ipv4Header.LENGTH);
            if (options == Ipv4Options.MALFORMED) {
                return ctx.exit(XlatStat.IPV4_BAD_OPTIONS);
            }
            if (options == Ipv4Options.UNEXPIRED_SOURCE_ROUTE) {
                return refuse(XlatStat.SOURCE_ROUTE_46, s, off, total, 0);
            }
        }
        XlatStat refused = refusedProtocol(s, off, total, protocol);
        if (refused != null) {
            return refused;
        }
        // §4.1 addresses: illegal sources are dropped, except as the source of an ICMPv4 error,
        // which then gets an RFC 6791 source (below): no IPv6 packet ever names 0/8, 127/8, 224/4
        // or 240/4 through pool6
        int src = ip.source();
        int dst = ip.destination();
        boolean illegalSource = Ipv4.isIllegalSource(src);
        if (!icmpError && illegalSource) {
            return ctx.exit(XlatStat.SOURCE4_ILLEGAL);
        }
        if (Ipv4.isIllegalDestination(dst)) {
            return ctx.exit(XlatStat.DESTINATION4_ILLEGAL);
        }
        int hopLimit = hairpinned ? ip.ttl() : ip.ttl() - 1;
        int trafficClass = ctx.settings.resetTrafficClass() ? 0 : ip.tos();
        if (state.addressesGiven && !icmpError) {
            // the NAT64's session (RFC 6146 §3.6), its source policy checked at extraction
            return translateTransport(s, off, ihl, total, protocol, flags, fragment, first, trafficClass, hopLimit,
                    state.sourceHi, state.sourceLo, state.destinationHi, state.destinationLo);
        }
        AddressMapper map = ctx.mapper;
        int how = map.map46(dst);
        if (how != AddressMapper.BY_EAM && how != AddressMapper.BY_POOL6) {
            return refuse(how == AddressMapper.WKP_REFUSED ? XlatStat.WKP_NON_GLOBAL
                    : XlatStat.DESTINATION4_UNTRANSLATABLE, s, off, total, 0);
        }
        long dstHi = map.hi;
        long dstLo = map.lo;
        how = illegalSource ? AddressMapper.NONE : hairpinned ? map.map46ByPool6(src) : map.map46(src);
        long srcHi = map.hi;
        long srcLo = map.lo;
        if (how != AddressMapper.BY_EAM && how != AddressMapper.BY_POOL6) {
            if (!icmpError) {
                return refuse(how == AddressMapper.WKP_REFUSED ? XlatStat.WKP_NON_GLOBAL
                        : XlatStat.SOURCE4_UNTRANSLATABLE, s, off, total, 0);
            }
            rfc6791Source();
            srcHi = poolHi;
            srcLo = poolLo;
        }
        if (icmpError) {
            return icmpErrors.translate(s, off, ihl, total, trafficClass, hopLimit, srcHi, srcLo, dstHi, dstLo,
                    hairpinned);
        }
        return translateTransport(s, off, ihl, total, protocol, flags, fragment, first, trafficClass, hopLimit,
                srcHi, srcLo, dstHi, dstLo);
    }

    /**
     * Protocols never translated: IGMP (§4.2), and those whose number, copied into Next Header as
     * §4.1 says, would make the IPv4 payload an IPv6 extension header (or ICMPv6) for every IPv6
     * node on the path; the latter answered with the §4.4 default 3/13.
     *
     * @return the exit, or null when the protocol may be translated
     */
    private XlatStat refusedProtocol(MemorySegment s, long off, int total, int protocol) {
        if (protocol == IpProtocol.IGMP) {
            return ctx.exit(XlatStat.IGMP_46);
        }
        if (IpProtocol.isIpv6Extension(protocol) && protocol != IpProtocol.AH || protocol == IpProtocol.ICMPV6) {
            return refuse(XlatStat.PROTOCOL_IPV6_ONLY_46, s, off, total, 0);
        }
        return null;
    }

    /**
     * Refuses the packet with the ICMPv4 error its exit carries ({@link XlatStat#answer}, RFC 7915
     * §4.4), {@code rest} being the error's second word (an MTU), and names the exit.
     */
    private XlatStat refuse(XlatStat exit, MemorySegment s, long off, int total, int rest) {
        errors.send4(s, off, total, exit.answer(4), rest);
        return ctx.exit(exit);
    }

    private long poolHi;
    private long poolLo;

    /**
     * Source for an ICMPv4 error whose source cannot be mapped (RFC 7915 §4.1 troubleshooting
     * exception): a random address of the RFC 6791 IPv6 pool (RFC 6791 §3), else the translator's
     * own IPv6 address. Leaves the address in {@code poolHi}/{@code poolLo}.
     */
    private void rfc6791Source() {
        var pool = ctx.settings.rfc6791v6();
        if (pool == null) {
            poolHi = ctx.settings.ownIpv6().hi();
            poolLo = ctx.settings.ownIpv6().lo();
            return;
        }
        long random = (long) ctx.nextRandom() << 32 | (ctx.nextRandom() & 0xFFFF_FFFFL);
        poolHi = pool.hi() | (random & ~Ipv6Prefix.maskHi(pool.length()));
        poolLo = pool.lo() | (random & ~Ipv6Prefix.maskLo(pool.length()));
    }

    /** §4.5 transport, §4.1 size rules, then the in-place rewrite. */
    private XlatStat translateTransport(MemorySegment s, long off, int ihl, int total, int protocol, int flags,
            boolean fragment, boolean first, int trafficClass, int hopLimit, long srcHi, long srcLo, long dstHi,
            long dstLo) {
        long l4 = off + ihl;
        int l4Length = total - ihl;
        int nextHeader = protocol == IpProtocol.ICMP ? IpProtocol.ICMPV6 : protocol;
        boolean amendZeroChecksum = false;
        if (protocol == IpProtocol.ICMP) {
            if (fragment) {
                return ctx.exit(XlatStat.FRAGMENTED_ICMP);
            }
            if (l4Length < Transport.ICMP_HEADER) {
                return ctx.exit(XlatStat.TRANSPORT_TRUNCATED);
            }
            int mapped = IcmpMap46.translate(Bytes.u8(s, l4), Bytes.u8(s, l4 + 1));
            if (mapped == IcmpMap46.DROP) {
                return ctx.exit(XlatStat.ICMP4_UNTRANSLATABLE_TYPE);
            }
        } else if (first && protocol == IpProtocol.UDP) {
            if (l4Length < Transport.UDP_HEADER) {
                return ctx.exit(XlatStat.TRANSPORT_TRUNCATED);
            }
            if ((ctx.state.offload & Offload.PARTIAL_CHECKSUM) == 0 && Bytes.u16(s, l4 + Transport.UDP_CHECKSUM) == 0) {
                if (fragment) {
                    return refuse(XlatStat.UDP_ZERO_CHECKSUM_FRAGMENT_46, s, off, total, 0);
                }
                if (!ctx.settings.amendUdpZeroChecksum()) {
                    return refuse(XlatStat.UDP_ZERO_CHECKSUM_46, s, off, total, 0);
                }
                amendZeroChecksum = true;
            }
        } else if (first && protocol == IpProtocol.TCP && l4Length < Transport.TCP_CHECKSUM + 2) {
            return ctx.exit(XlatStat.TRANSPORT_TRUNCATED);
        }
        // §4.1: DF set and too big for the next hop -> Fragmentation Needed with the IPv6 MTU - 20
        int outLength = Ipv6Header.LENGTH + (fragment ? Ipv6Fragment.LENGTH : 0) + l4Length;
        boolean dontFragment = (flags & Ipv4Header.DF) != 0;
        boolean segmented = (ctx.state.offload & Offload.SEGMENTATION) != 0;
        if (dontFragment && outLength > ctx.settings.mtu6() && !segmented) {
            return refuse(XlatStat.TOO_BIG_46, s, off, total, ctx.settings.mtu6() - 20); // the MTU it fits
        }
        int srcV4 = Bytes.i32(s, off + Ipv4Header.SOURCE);
        int dstV4 = Bytes.i32(s, off + Ipv4Header.DESTINATION);
        if (first) {
            fixChecksum46(s, l4, l4Length, l4Length, protocol, amendZeroChecksum,
                    (ctx.state.offload & Offload.PARTIAL_CHECKSUM) != 0, srcV4, dstV4, srcHi, srcLo, dstHi, dstLo,
                    state.portField, state.outPort);
        }
        int identification = Bytes.u16(s, off + Ipv4Header.IDENTIFICATION);
        int limit = Math.min(ctx.settings.lowestIpv6Mtu(), ctx.settings.mtu6());
        if (!dontFragment && outLength > limit && !segmented) {
            return fragmenter.fragment(s, l4, l4Length, nextHeader, flags, identification, limit, trafficClass,
                    hopLimit, srcHi, srcLo, dstHi, dstLo);
        }
        long out = l4 - Ipv6Header.LENGTH - (fragment ? Ipv6Fragment.LENGTH : 0);
        Ipv6Header.write(s, out, trafficClass, outLength - Ipv6Header.LENGTH,
                fragment ? IpProtocol.FRAGMENT : nextHeader, hopLimit, srcHi, srcLo, dstHi, dstLo);
        if (fragment) {
            Ipv6Fragment.write(s, out + Ipv6Header.LENGTH, nextHeader, flags & Ipv4Header.OFFSET_MASK,
                    (flags & Ipv4Header.MF) != 0, identification);
        }
        ctx.state.sink.emit(Side.V6, s, out, outLength);
        return ctx.exit(XlatStat.TRANSLATED_46);
    }

    /**
     * §4.5: TCP and UDP checksums follow the pseudo-header from IPv4 to IPv6 addresses by RFC 1624
     * incremental update (so a wrong checksum stays equally wrong); a zero UDP checksum is
     * computed from scratch when amend-udp-checksum-zero is on; ICMPv4 Echo becomes ICMPv6 Echo
     * (§4.2), gaining the pseudo-header ICMPv4 lacks. Other protocols pass opaque (§4.5).
     */
    static void fixChecksum46(MemorySegment s, long l4, int l4Length, int pseudoLength, int protocol,
            boolean amendZeroChecksum, boolean partial,
            int srcV4, int dstV4, long srcHi, long srcLo, long dstHi, long dstLo) {
        fixChecksum46(s, l4, l4Length, pseudoLength, protocol, amendZeroChecksum, partial, srcV4, dstV4, srcHi, srcLo,
                dstHi, dstLo, TranslationState.NO_PORT, 0);
    }

    /**
     * As above, and the port or Echo Identifier at {@code portField} (unless
     * {@link TranslationState#NO_PORT}) becomes {@code outPort} in the same update (RFC 6146 §3.7:
     * the NAT64's transport address). A partial checksum covers only the pseudo-header, not the
     * port, so there only the addresses move.
     */
    static void fixChecksum46(MemorySegment s, long l4, int l4Length, int pseudoLength, int protocol,
            boolean amendZeroChecksum, boolean partial, int srcV4, int dstV4, long srcHi, long srcLo, long dstHi,
            long dstLo, long portField, int outPort) {
        int oldPort = 0;
        int newPort = 0;
        if (portField != TranslationState.NO_PORT) {
            oldPort = Bytes.u16(s, portField);
            newPort = outPort;
            Bytes.put16(s, portField, outPort);
        }
        switch (protocol) {
            case IpProtocol.TCP, IpProtocol.UDP -> {
                long field = l4 + Transport.checksumOffset(protocol);
                if (l4Length < Transport.checksumOffset(protocol) + 2 || protocol == IpProtocol.UDP
                        && !amendZeroChecksum && !partial && Bytes.u16(s, field) == 0) {
                    return;
                }
                int checksum;
                if (amendZeroChecksum) {
                    long sum = Checksum.pseudo6(srcHi, srcLo, dstHi, dstLo, protocol, l4Length);
                    checksum = Checksum.finish(Checksum.add(sum, s, l4, l4Length));
                } else {
                    long removed = Checksum.add32(Checksum.add32(0, srcV4), dstV4);
                    long added = Checksum.add64(Checksum.add64(Checksum.add64(Checksum.add64(0, srcHi), srcLo),
                            dstHi), dstLo);
                    checksum = partial ? Checksum.updatePartial(Bytes.u16(s, field), removed, added)
                            : Checksum.update(Bytes.u16(s, field), removed + oldPort, added + newPort);
                }
                if (protocol == IpProtocol.UDP && checksum == 0 && !partial) {
                    checksum = 0xFFFF; // RFC 768: a computed zero is sent as all ones
                }
                Bytes.put16(s, field, checksum);
            }
            case IpProtocol.ICMP -> {
                int typeCode = Bytes.u16(s, l4);
                int mapped = IcmpMap46.translate(typeCode >>> 8, typeCode & 0xFF);
                Bytes.put16(s, l4, mapped);
                long added = Checksum.pseudo6(srcHi, srcLo, dstHi, dstLo, IpProtocol.ICMPV6, pseudoLength) + mapped
                        + newPort;
                long field = l4 + Transport.ICMP_CHECKSUM;
                Bytes.put16(s, field, Checksum.update(Bytes.u16(s, field), typeCode + oldPort, added));
            }
            default -> {
            }
        }
    }
}
