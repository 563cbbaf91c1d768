package net.v6mostly.datapath;

import java.lang.foreign.MemorySegment;

import net.v6mostly.wire.IpVersion;
import net.v6mostly.wire.Ipv4Header;
import net.v6mostly.wire.Ipv6Header;
import net.v6mostly.wire.TcpHeader;
import net.v6mostly.wire.UdpHeader;
import net.v6mostly.wire.VirtioNetHeader;

/**
 * The virtio-net header for a packet translated in place (DESIGN.md §4): the L4 header stays
 * where it was, so offsets counted from the packet start move by the change in L3 header length
 * ({@code delta}: +20 for 4→6, −20 for 6→4, more with IPv4 options or IPv6 extension headers).
 *
 * <ul>
 * <li>flags and csum_offset are kept; csum_start moves by {@code delta} when NEEDS_CSUM is set;</li>
 * <li>gso_type TCPV4 ↔ TCPV6 follows the new IP version (the ECN bit is kept);</li>
 * <li>hdr_len becomes the exact L3+L4 header length (the kernel's value is only a hint);</li>
 * <li>gso_size shrinks when a segment of the new version would exceed the next-hop MTU.</li>
 * </ul>
 */
final class VnetHeaderFix {
    private VnetHeaderFix() {
    }

    /** Writes the fixed header just before the packet at {@code offset}. */
    static void write(MemorySegment packet, long offset, int delta, int flags, int gsoType, int hdrLen, int gsoSize,
            int csumStart, int csumOffset, int mtu4, int mtu6) {
        int version = IpVersion.of(packet, offset);
        int gso = gsoType & ~VirtioNetHeader.GSO_ECN;
        int newType = gsoType;
        if (gso == VirtioNetHeader.GSO_TCPV4 || gso == VirtioNetHeader.GSO_TCPV6) {
            newType = (gsoType & VirtioNetHeader.GSO_ECN)
                    | (version == IpVersion.V6 ? VirtioNetHeader.GSO_TCPV6 : VirtioNetHeader.GSO_TCPV4);
        }
        int newStart = (flags & VirtioNetHeader.F_NEEDS_CSUM) != 0 ? csumStart + delta : csumStart;
        int newHdrLen = hdrLen;
        int newGsoSize = gsoSize;
        if (gso != VirtioNetHeader.GSO_NONE) {
            int l4 = (flags & VirtioNetHeader.F_NEEDS_CSUM) != 0 ? newStart : l4Offset(packet, offset, version);
            int l4Header = gso == VirtioNetHeader.GSO_UDP_L4 ? UdpHeader.LENGTH : TcpHeader.headerLength(packet, offset + l4);
            newHdrLen = l4 + l4Header;
            int mtu = version == IpVersion.V6 ? mtu6 : mtu4;
            newGsoSize = Math.max(1, Math.min(gsoSize, mtu - newHdrLen));
        } else if (hdrLen != 0) {
            newHdrLen = Math.max(0, hdrLen + delta);
        }
        VirtioNetHeader.write(packet, offset - VirtioNetHeader.LENGTH, flags, newType, newHdrLen, newGsoSize, newStart,
                csumOffset);
    }

    /** L4 offset of an option-less IPv4 header or an IPv6 header without extensions (GSO packets). */
    private static int l4Offset(MemorySegment packet, long offset, int version) {
        return version == IpVersion.V4 ? Ipv4Header.headerLength(packet, offset) : Ipv6Header.LENGTH;
    }
}
