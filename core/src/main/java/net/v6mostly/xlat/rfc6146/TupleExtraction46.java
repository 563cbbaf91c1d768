package net.v6mostly.xlat.rfc6146;

import java.lang.foreign.MemorySegment;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv4PrefixSet;
import net.v6mostly.wire.Bytes;
import net.v6mostly.wire.IpProtocol;
import net.v6mostly.wire.Ipv4Header;
import net.v6mostly.wire.Transport;
import net.v6mostly.xlat.TranslationState;

/**
 * RFC 6146 §3.4, "Determining the Incoming Tuple", for IPv4 packets: the 5-tuple of TCP and UDP,
 * the 3-tuple of ICMP Echo, and for ICMP errors the tuple of the embedded packet with source and
 * destination swapped. The destination (or the embedded source) must be a pool4 address; sources
 * no translator may hear from (0/8, 127/8, 224/4, 240/4) and the operator's deny4 are refused
 * before any state. One instance per thread.
 */
public final class TupleExtraction46 {
    private static final int ECHO_REPLY = 0;
    private static final int ECHO_REQUEST = 8;

    private final Ipv4Header ip;
    private final Pool4 pool4;

    /** Total length of the packet after {@link #extract}. */
    public int total;
    /** After {@link #extract}: the packet is a fragment (first with MF, or later). */
    public boolean fragment;
    /** After {@link #extract}: IPv4 Identification and protocol. */
    public int identification;
    /** After {@link #extract}: the IPv4 protocol. */
    public int protocol;

    /**
     * IPv4 sources the operator forbids (deny4), set by the pipeline when its settings change;
     * read only by the thread that owns this instance.
     */
    public Ipv4PrefixSet deny4 = Ipv4PrefixSet.EMPTY;
    /**
     * Whether pool6 is the Well-Known Prefix with wkp-translate-non-global off: a non-global IPv4
     * source could not be represented (RFC 6052 §3.1). Set by the pipeline like {@link #deny4}.
     */
    public boolean wkpRefusesNonGlobal;

    /**
     * A tuple reader for packets addressed to {@code pool4}, reading the IPv4 view of
     * {@code parsed}.
     */
    public TupleExtraction46(TranslationState parsed, Pool4 pool4) {
        this.ip = parsed.ip4;
        this.pool4 = pool4;
    }

    /**
     * Fills {@code t} from the IPv4 packet at {@code off}, whose header the RFC 7915 step parsed
     * and verified into the translation state (parsed once, DESIGN.md §3.6); null when it can go
     * on, else the exit.
     */
    public Nat64Exit extract(MemorySegment s, long off, Tuple t) {
        total = ip.totalLength();
        int dst = ip.destination();
        if (pool4.indexOf(dst) < 0) {
            return Nat64Exit.DESTINATION4_NOT_POOL4;
        }
        t.addr4 = dst;
        t.remote4 = ip.source();
        if (Ipv4.isIllegalSource(t.remote4)) { // RFC 7915 §4.1, RFC 1812 §5.3.7: before any state
            return Nat64Exit.SOURCE4_FORBIDDEN_46;
        }
        if (deny4.contains(t.remote4)) {
            return Nat64Exit.DENY4_46;
        }
        if (wkpRefusesNonGlobal && Ipv4.isNonGlobal(t.remote4)) { // before a session is made for it
            return Nat64Exit.WKP_NON_GLOBAL_46;
        }
        fragment = ip.isFragment();
        identification = ip.identification();
        protocol = ip.protocol();
        if (ip.fragmentOffset() != 0) {
            return Nat64Exit.FRAGMENT_NOT_FIRST_46; // the pipeline may know its datagram (FragmentMemory)
        }
        long l4 = off + ip.headerLength();
        int l4Length = total - ip.headerLength();
        t.icmpError = false;
        t.tcpFlags = 0;
        t.outerChecksumField = -1;
        switch (protocol) {
            case IpProtocol.TCP, IpProtocol.UDP -> {
                if (l4Length < Transport.minimumHeader(protocol)) {
                    return Nat64Exit.MALFORMED_46;
                }
                t.protocol = protocol == IpProtocol.TCP ? Protocol.TCP : Protocol.UDP;
                t.remotePort = Bytes.u16(s, l4 + Transport.SOURCE_PORT);
                t.port4 = Bytes.u16(s, l4 + Transport.DESTINATION_PORT);
                t.tcpFlags = protocol == IpProtocol.TCP ? Bytes.u8(s, l4 + Transport.TCP_FLAGS) : 0;
                t.portField = l4 + Transport.DESTINATION_PORT;
                t.l4 = l4;
                t.checksumField = l4 + Transport.checksumOffset(protocol);
                return null;
            }
            case IpProtocol.ICMP -> {
                return icmp(s, l4, l4Length, t);
            }
            default -> {
                return Nat64Exit.PROTOCOL_UNSUPPORTED_46;
            }
        }
    }

    private Nat64Exit icmp(MemorySegment s, long icmp, int length, Tuple t) {
        if (length < Transport.ICMP_HEADER) {
            return Nat64Exit.MALFORMED_46;
        }
        int type = Bytes.u8(s, icmp);
        if (type == ECHO_REQUEST || type == ECHO_REPLY) {
            t.protocol = Protocol.ICMP;
            t.remotePort = 0;
            t.port4 = Bytes.u16(s, icmp + Transport.ICMP_REST);
            t.portField = icmp + Transport.ICMP_REST;
            t.l4 = icmp;
            t.checksumField = icmp + Transport.ICMP_CHECKSUM;
            return null;
        }
        if (type != 3 && type != 11 && type != 12) {
            return Nat64Exit.ICMP4_TYPE_UNSUPPORTED;
        }
        return embedded(s, icmp, length, t);
    }

    /** §3.4: the tuple of the packet inside an ICMPv4 error, source and destination swapped. */
    private Nat64Exit embedded(MemorySegment s, long icmp, int length, Tuple t) {
        long inner = icmp + Transport.ICMP_HEADER;
        long end = icmp + length;
        if (end - inner < Ipv4Header.LENGTH || Bytes.u8(s, inner) >>> 4 != 4) {
            return Nat64Exit.ICMP4_ERROR_INNER_UNUSABLE;
        }
        int ihl = (Bytes.u8(s, inner) & 0xF) * 4;
        int src = Bytes.i32(s, inner + Ipv4Header.SOURCE);
        boolean first = (Bytes.u16(s, inner + Ipv4Header.FLAGS_OFFSET) & Ipv4Header.OFFSET_MASK) == 0;
        if (ihl < Ipv4Header.LENGTH || end - inner < ihl || pool4.indexOf(src) < 0 || !first) {
            return Nat64Exit.ICMP4_ERROR_INNER_UNUSABLE;
        }
        long l4 = inner + ihl;
        int available = (int) (end - l4);
        int p = Bytes.u8(s, inner + Ipv4Header.PROTOCOL);
        t.icmpError = true;
        t.inner = inner;
        t.outerChecksumField = icmp + Transport.ICMP_CHECKSUM;
        t.addr4 = src;
        t.remote4 = Bytes.i32(s, inner + Ipv4Header.DESTINATION);
        if (p == IpProtocol.TCP || p == IpProtocol.UDP) {
            if (available < 4) {
                return Nat64Exit.ICMP4_ERROR_INNER_UNUSABLE;
            }
            t.protocol = p == IpProtocol.TCP ? Protocol.TCP : Protocol.UDP;
            t.port4 = Bytes.u16(s, l4 + Transport.SOURCE_PORT);
            t.remotePort = Bytes.u16(s, l4 + Transport.DESTINATION_PORT);
            t.portField = l4 + Transport.SOURCE_PORT;
            t.l4 = l4;
            int at = Transport.checksumOffset(p);
            t.checksumField = available >= at + 2 ? l4 + at : -1;
            return null;
        }
        if (p == IpProtocol.ICMP && available >= Transport.ICMP_HEADER) {
            int type = Bytes.u8(s, l4);
            if (type == ECHO_REQUEST || type == ECHO_REPLY) {
                t.protocol = Protocol.ICMP;
                t.remotePort = 0;
                t.port4 = Bytes.u16(s, l4 + Transport.ICMP_REST);
                t.portField = l4 + Transport.ICMP_REST;
                t.l4 = l4;
                t.checksumField = l4 + Transport.ICMP_CHECKSUM;
                return null;
            }
        }
        return Nat64Exit.ICMP4_ERROR_INNER_UNUSABLE;
    }
}
