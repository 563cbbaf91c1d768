package net.v6mostly.xlat.rfc6146;

import java.lang.foreign.MemorySegment;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv4PrefixSet;
import net.v6mostly.addr.Ipv6PrefixSet;
import net.v6mostly.addr.Rfc6052Prefix;
import net.v6mostly.wire.Bytes;
import net.v6mostly.wire.IpProtocol;
import net.v6mostly.wire.Ipv6Chain;
import net.v6mostly.wire.Ipv6Fragment;
import net.v6mostly.wire.Ipv6Header;
import net.v6mostly.wire.Transport;
import net.v6mostly.xlat.TranslationState;

/**
 * RFC 6146 §3.4, "Determining the Incoming Tuple", for IPv6 packets: the 5-tuple of TCP and UDP,
 * the 3-tuple of ICMPv6 Echo (the Identifier plays the port), and for ICMPv6 errors the tuple of
 * the embedded packet with source and destination swapped. Also the policy checks that need no
 * state: sources inside pool6 are dropped, destinations must be inside pool6, non-global IPv4
 * addresses behind the Well-Known Prefix are refused (RFC 6052 §3.1), IPv4 destinations no
 * translator may reach (0/8, 127/8, 224/4, 240/4) and the operator's deny4 are refused, and so are
 * sources outside the operator's allow6-sources. One instance per thread.
 */
public final class TupleExtraction64 {
    private static final int ECHO_REQUEST = 128;
    private static final int ECHO_REPLY = 129;

    private final TranslationState parsed;
    private final Ipv6Header ip;
    private final Ipv6Chain chain;
    private final Ipv6Chain innerChain = new Ipv6Chain();
    private final Rfc6052Prefix pool6;
    private final boolean wkpNonGlobal;
    private final Ipv4PrefixSet deny4;
    private final Ipv6PrefixSet allow6;

    /** Offset of the outer upper-layer header after {@link #extract}. */
    public long l4;
    /** Upper-layer protocol of the outer packet after {@link #extract}. */
    public int protocol;
    /** The IPv4 form of the outer destination after {@link #extract} (Y, or Z for an error). */
    public int destination4;
    /**
     * After {@link #extract}: the Fragment header's Identification when the packet is a real
     * fragment (the first with M set, or a later one), else {@link #NOT_FRAGMENT}.
     */
    public long fragmentId;

    /** {@link #fragmentId} of a packet that is not a real fragment. */
    public static final long NOT_FRAGMENT = -1;

    /**
     * @param parsed the thread's translation state, whose IPv6 views the RFC 7915 step parsed
     * @param pool6 the NAT64 prefix
     * @param wkpNonGlobal allow non-global IPv4 addresses behind the Well-Known Prefix
     * @param deny4 IPv4 destinations the operator forbids
     * @param allow6 when not empty, the only IPv6 sources that may use the NAT64
     */
    public TupleExtraction64(TranslationState parsed, Rfc6052Prefix pool6, boolean wkpNonGlobal, Ipv4PrefixSet deny4,
            Ipv6PrefixSet allow6) {
        this.parsed = parsed;
        this.ip = parsed.ip6;
        this.chain = parsed.chain;
        this.pool6 = pool6;
        this.wkpNonGlobal = wkpNonGlobal;
        this.deny4 = deny4;
        this.allow6 = allow6;
    }

    /**
     * Fills {@code t} from the IPv6 packet at {@code off}, whose header and extension chain the
     * RFC 7915 step parsed into the translation state (parsed once, DESIGN.md §3.6); null when it
     * can go on, else the exit.
     */
    public Nat64Exit extract(MemorySegment s, long off, Tuple t) {
        long end = off + ip.totalLength();
        protocol = chain.protocol();
        l4 = chain.upperOffset();
        long srcHi = parsed.source6Hi;
        long srcLo = parsed.source6Lo;
        if (pool6.matches(srcHi, srcLo)) {
            return Nat64Exit.SOURCE6_IN_POOL6;
        }
        long dstHi = parsed.destination6Hi;
        long dstLo = parsed.destination6Lo;
        if (!pool6.matches(dstHi, dstLo)) {
            return Nat64Exit.DESTINATION6_NOT_POOL6; // (the kernel's own ND and MLD on the TUN, too)
        }
        if (!allow6.isEmpty() && !allow6.contains(srcHi, srcLo)) {
            return Nat64Exit.SOURCE6_NOT_ALLOWED; // before any state: nothing from outside uses the NAT64
        }
        t.remote4 = pool6.extract(dstHi, dstLo);
        destination4 = t.remote4;
        if (refused(t.remote4)) {
            return Nat64Exit.WKP_NON_GLOBAL_64;
        }
        if (Ipv4.isIllegalDestination(t.remote4)) { // whatever the prefix (DESIGN.md §6, RFC 1812 §5.3.7)
            return Nat64Exit.DESTINATION4_FORBIDDEN_64;
        }
        if (deny4.contains(t.remote4)) {
            return Nat64Exit.DENY4_64;
        }
        t.hi = srcHi;
        t.lo = srcLo;
        long fragment = chain.fragmentOffset();
        fragmentId = fragment >= 0 && (Ipv6Fragment.fragmentOffset(s, fragment) != 0
                || Ipv6Fragment.moreFragments(s, fragment)) ? Ipv6Fragment.identification(s, fragment) & 0xFFFFFFFFL
                : NOT_FRAGMENT;
        if (fragment >= 0 && Ipv6Fragment.fragmentOffset(s, fragment) != 0) {
            return Nat64Exit.FRAGMENT_NOT_FIRST_64; // the pipeline may know its datagram (FragmentMemory)
        }
        int l4Length = (int) (end - l4);
        t.icmpError = false;
        t.tcpFlags = 0;
        t.outerChecksumField = -1;
        switch (protocol) {
            case IpProtocol.TCP, IpProtocol.UDP -> {
                if (l4Length < Transport.minimumHeader(protocol)) {
                    return Nat64Exit.MALFORMED_64;
                }
                t.protocol = protocol == IpProtocol.TCP ? Protocol.TCP : Protocol.UDP;
                t.port6 = Bytes.u16(s, l4 + Transport.SOURCE_PORT);
                t.remotePort = Bytes.u16(s, l4 + Transport.DESTINATION_PORT);
                t.tcpFlags = protocol == IpProtocol.TCP ? Bytes.u8(s, l4 + Transport.TCP_FLAGS) : 0;
                t.portField = l4 + Transport.SOURCE_PORT;
                t.l4 = l4;
                t.checksumField = l4 + Transport.checksumOffset(protocol);
                return null;
            }
            case IpProtocol.ICMPV6 -> {
                return icmp(s, l4, l4Length, t);
            }
            default -> {
                return Nat64Exit.PROTOCOL_UNSUPPORTED_64;
            }
        }
    }

    private Nat64Exit icmp(MemorySegment s, long icmp, int length, Tuple t) {
        if (length < Transport.ICMP_HEADER) {
            return Nat64Exit.MALFORMED_64;
        }
        int type = Bytes.u8(s, icmp);
        if (type == ECHO_REQUEST || type == ECHO_REPLY) {
            t.protocol = Protocol.ICMP;
            t.port6 = Bytes.u16(s, icmp + Transport.ICMP_REST);
            t.remotePort = 0;
            t.portField = icmp + Transport.ICMP_REST;
            t.l4 = icmp;
            t.checksumField = icmp + Transport.ICMP_CHECKSUM;
            return null;
        }
        if (type < 1 || type > 4) {
            return Nat64Exit.ICMP6_TYPE_UNSUPPORTED;
        }
        return embedded(s, icmp, length, t);
    }

    /** §3.4: the tuple of the packet inside an ICMPv6 error, source and destination swapped. */
    private Nat64Exit embedded(MemorySegment s, long icmp, int length, Tuple t) {
        long inner = icmp + Transport.ICMP_HEADER;
        long end = icmp + length;
        if (end - inner < Ipv6Header.LENGTH || Bytes.u8(s, inner) >>> 4 != 6
                || innerChain.walk(s, inner, end) != Ipv6Chain.Check.OK) {
            return Nat64Exit.ICMP6_ERROR_INNER_UNUSABLE;
        }
        long srcHi = Bytes.i64(s, inner + Ipv6Header.SOURCE);
        long srcLo = Bytes.i64(s, inner + Ipv6Header.SOURCE + 8);
        long fragment = innerChain.fragmentOffset();
        if (!pool6.matches(srcHi, srcLo) || fragment >= 0 && Ipv6Fragment.fragmentOffset(s, fragment) != 0) {
            return Nat64Exit.ICMP6_ERROR_INNER_UNUSABLE;
        }
        long l4 = innerChain.upperOffset();
        int available = (int) (end - l4);
        int p = innerChain.protocol();
        t.icmpError = true;
        t.inner = inner;
        t.outerChecksumField = icmp + Transport.ICMP_CHECKSUM;
        t.hi = Bytes.i64(s, inner + Ipv6Header.DESTINATION);
        t.lo = Bytes.i64(s, inner + Ipv6Header.DESTINATION + 8);
        t.remote4 = pool6.extract(srcHi, srcLo);
        if (p == IpProtocol.TCP || p == IpProtocol.UDP) {
            if (available < 4) {
                return Nat64Exit.ICMP6_ERROR_INNER_UNUSABLE;
            }
            t.protocol = p == IpProtocol.TCP ? Protocol.TCP : Protocol.UDP;
            t.remotePort = Bytes.u16(s, l4 + Transport.SOURCE_PORT);
            t.port6 = Bytes.u16(s, l4 + Transport.DESTINATION_PORT);
            t.portField = l4 + Transport.DESTINATION_PORT;
            t.l4 = l4;
            int at = Transport.checksumOffset(p);
            t.checksumField = available >= at + 2 ? l4 + at : -1;
            return null;
        }
        if (p == IpProtocol.ICMPV6 && available >= Transport.ICMP_HEADER) {
            int type = Bytes.u8(s, l4);
            if (type == ECHO_REQUEST || type == ECHO_REPLY) {
                t.protocol = Protocol.ICMP;
                t.remotePort = 0;
                t.port6 = Bytes.u16(s, l4 + Transport.ICMP_REST);
                t.portField = l4 + Transport.ICMP_REST;
                t.l4 = l4;
                t.checksumField = l4 + Transport.ICMP_CHECKSUM;
                return null;
            }
        }
        return Nat64Exit.ICMP6_ERROR_INNER_UNUSABLE;
    }

    private boolean refused(int v4) {
        return pool6.isWellKnown() && !wkpNonGlobal && Ipv4.isNonGlobal(v4);
    }
}
