package net.v6mostly.pcap;

import java.lang.foreign.MemorySegment;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.addr.Ipv6Address;
import net.v6mostly.wire.IpVersion;
import net.v6mostly.wire.Ipv6Fragment;
import net.v6mostly.wire.TcpHeader;
import net.v6mostly.wire.Transport;
import net.v6mostly.wire.IpProtocol;
import net.v6mostly.wire.Ipv4Header;
import net.v6mostly.wire.Ipv6Chain;
import net.v6mostly.wire.Ipv6Header;

/**
 * One-line, tcpdump-like descriptions of IP packets for the translate tool's report: version,
 * source → destination, protocol (ports, TCP flags, ICMP type), hop limit and length. Reads only
 * through the {@code wire} views after their checks, so malformed packets are described, not trusted.
 */
public final class PacketDescription {
    private final Ipv4Header v4 = new Ipv4Header();
    private final Ipv6Header v6 = new Ipv6Header();
    private final Ipv6Chain chain = new Ipv6Chain();

    /** Describes the {@code len} bytes at {@code off}. */
    public String describe(MemorySegment s, long off, int len) {
        if (len < 1) {
            return "empty packet";
        }
        int version = IpVersion.of(s, off);
        return switch (version) {
            case IpVersion.V4 -> ipv4(s, off, len);
            case IpVersion.V6 -> ipv6(s, off, len);
            default -> "not IP (version " + version + "), len " + len;
        };
    }

    private String ipv4(MemorySegment s, long off, int len) {
        Ipv4Header.Check check = v4.wrap(s, off, len).check(false);
        if (check != Ipv4Header.Check.OK) {
            return "IPv4 malformed (" + check.name().toLowerCase().replace('_', ' ') + "), len " + len;
        }
        boolean later = v4.fragmentOffset() != 0;
        long end = off + v4.totalLength();
        StringBuilder b = new StringBuilder("IPv4 ").append(Ipv4.format(v4.source())).append(" → ")
                .append(Ipv4.format(v4.destination())).append(' ')
                .append(transport(s, v4.protocol(), v4.payloadOffset(), end, later, false))
                .append(" ttl ").append(v4.ttl());
        if (v4.dontFragment()) {
            b.append(" DF");
        }
        if (v4.isFragment()) {
            b.append(" frag@").append(v4.fragmentOffset() * 8).append(v4.moreFragments() ? "+" : "");
        }
        return b.append(" len ").append(len).toString();
    }

    private String ipv6(MemorySegment s, long off, int len) {
        Ipv6Header.Check check = v6.wrap(s, off, len).check();
        if (check != Ipv6Header.Check.OK) {
            return "IPv6 malformed (" + check.name().toLowerCase().replace('_', ' ') + "), len " + len;
        }
        String addresses = "IPv6 " + new Ipv6Address(v6.sourceHi(), v6.sourceLo()) + " → "
                + new Ipv6Address(v6.destinationHi(), v6.destinationLo()) + ' ';
        long end = off + v6.totalLength();
        Ipv6Chain.Check walked = chain.walk(s, off, end);
        if (walked != Ipv6Chain.Check.OK) {
            return addresses + "extension headers " + walked.name().toLowerCase().replace('_', ' ') + ", len " + len;
        }
        long frag = chain.fragmentOffset();
        int fragmentBytes = frag < 0 ? 0 : Ipv6Fragment.fragmentOffset(s, frag) * 8;
        StringBuilder b = new StringBuilder(addresses)
                .append(transport(s, chain.protocol(), chain.upperOffset(), end, fragmentBytes != 0, true))
                .append(" hlim ").append(v6.hopLimit());
        if (frag >= 0) {
            b.append(" frag@").append(fragmentBytes).append(Ipv6Fragment.moreFragments(s, frag) ? "+" : "");
        }
        return b.append(" len ").append(len).toString();
    }

    private static String transport(MemorySegment s, int protocol, long at, long end, boolean laterFragment,
            boolean ipv6) {
        long available = end - at;
        String name = protocolName(protocol);
        if (laterFragment) {
            return name + " (non-first fragment)";
        }
        return switch (protocol) {
            case IpProtocol.TCP -> available < TcpHeader.FLAGS + 1 ? "TCP (truncated)"
                    : "TCP " + ports(s, at) + tcpFlags(TcpHeader.flags(s, at));
            case IpProtocol.UDP -> available < Transport.PORTS ? "UDP (truncated)" : "UDP " + ports(s, at);
            case IpProtocol.ICMP, IpProtocol.ICMPV6 -> available < Transport.ICMP_HEADER ? name + " (truncated)"
                    : IcmpNames.describe(s, at, ipv6);
            default -> name;
        };
    }

    private static String ports(MemorySegment s, long at) {
        return Transport.sourcePort(s, at) + " → " + Transport.destinationPort(s, at);
    }

    private static String tcpFlags(int flags) {
        StringBuilder b = new StringBuilder(" [");
        String letters = "FSRPAU";
        for (int i = 0; i < letters.length(); i++) {
            if ((flags & (1 << i)) != 0) {
                b.append(letters.charAt(i));
            }
        }
        return b.append(']').toString();
    }

    private static String protocolName(int protocol) {
        return switch (protocol) {
            case IpProtocol.TCP -> "TCP";
            case IpProtocol.UDP -> "UDP";
            case IpProtocol.ICMP -> "ICMP";
            case IpProtocol.ICMPV6 -> "ICMPv6";
            case IpProtocol.IGMP -> "IGMP";
            case IpProtocol.ESP -> "ESP";
            case IpProtocol.AH -> "AH";
            case IpProtocol.NO_NEXT_HEADER -> "no-next-header";
            default -> "protocol " + protocol;
        };
    }
}
