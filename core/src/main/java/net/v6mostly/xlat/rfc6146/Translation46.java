package net.v6mostly.xlat.rfc6146;

import java.lang.foreign.MemorySegment;

import net.v6mostly.wire.Bytes;
import net.v6mostly.wire.Checksum;
import net.v6mostly.wire.IpProtocol;
import net.v6mostly.wire.Ipv4Header;
import net.v6mostly.wire.Ipv6Fragment;
import net.v6mostly.wire.Ipv6Header;
import net.v6mostly.xlat.Offload;
import net.v6mostly.xlat.PacketSink;
import net.v6mostly.xlat.Side;
import net.v6mostly.xlat.XlatStat;
import net.v6mostly.xlat.rfc7915.Xlat46;
import net.v6mostly.xlat.rfc7915.XlatContext;

/**
 * RFC 6146 §3.7, "Translating the Packet", IPv4 to IPv6: headers by the RFC 7915 code
 * ({@link Xlat46}), the port or Identifier by {@link PortRewrite}.
 *
 * <ul>
 *   <li>Ordinary packets: RFC 7915 emits the IPv6 packet (or its fragments) itself, so the port is
 *       rewritten on the way out by this class's sink, in the first fragment only; ICMPv4 errors
 *       RFC 7915 sends about the packet (Fragmentation Needed, Time Exceeded) quote it untouched,
 *       with the port the IPv4 peer knows.
 *   <li>ICMPv4 errors: the embedded packet's source port becomes x before translation. The outer
 *       source stays the router that sent the error, which makes traceroute useful (Jool's
 *       {@code source-icmpv6-errors-better}); with {@code errorsFromSender} off it becomes the
 *       embedded destination, the peer the session is with.
 * </ul>
 */
public final class Translation46 implements PacketSink {
    private final Xlat46 xlat;
    private final XlatContext ctx;
    private final boolean errorsFromSender;
    private PacketSink next;
    private Tuple rewriting;
    private boolean partial;
    private MemorySegment input;

    /**
     * @param errorsFromSender translated ICMPv4 errors keep their sender's address as source
     */
    public Translation46(Xlat46 xlat, XlatContext ctx, boolean errorsFromSender) {
        this.xlat = xlat;
        this.ctx = ctx;
        this.errorsFromSender = errorsFromSender;
    }

    /** Translates and emits to {@code sink} (through this class, which rewrites the port). */
    public XlatStat translate(MemorySegment s, long off, int len, Tuple t, int offload, boolean hairpinned,
            PacketSink sink) {
        next = sink;
        if (t.icmpError) {
            PortRewrite.rewrite(s, t.portField, t.outPort, t.checksumField, t.protocol == Protocol.UDP,
                    t.outerChecksumField);
            if (!errorsFromSender) {
                sourceToPeer(s, off, t.remote4);
            }
            rewriting = null;
        } else {
            rewriting = t;
            partial = (offload & Offload.PARTIAL_CHECKSUM) != 0 && t.protocol != Protocol.ICMP;
            input = s;
        }
        ctx.sink = this;
        try {
            return xlat.translate(s, off, len, hairpinned);
        } finally {
            rewriting = null;
            input = null;
        }
    }

    /** A later fragment: headers only, no transport header to rewrite (the session mapping is set). */
    public XlatStat translateFragment(MemorySegment s, long off, int len, PacketSink sink) {
        next = sink;
        rewriting = null;
        ctx.sink = this;
        return xlat.translate(s, off, len, false);
    }

    @Override
    public void emit(Side side, MemorySegment packet, long offset, int length) {
        Tuple t = rewriting;
        if (t != null && side == Side.V6) {
            if (packet == input) {
                rewrite(packet, 0, t); // translated in place: the transport header did not move
            } else if (Bytes.u8(packet, offset + Ipv6Header.NEXT_HEADER) == IpProtocol.FRAGMENT
                    && Ipv6Fragment.fragmentOffset(packet, offset + Ipv6Header.LENGTH) == 0) {
                rewrite(packet, offset + Ipv6Header.LENGTH + Ipv6Fragment.LENGTH - t.l4, t); // first fragment
            } // later fragments carry no transport header
        }
        next.emit(side, packet, offset, length);
    }

    private void rewrite(MemorySegment packet, long shift, Tuple t) {
        PortRewrite.rewrite(packet, t.portField + shift, t.outPort, partial ? -1 : t.checksumField + shift,
                t.protocol == Protocol.UDP, -1);
    }

    /** Jool's source-icmpv6-errors-better off: the error seems to come from the peer itself. */
    private static void sourceToPeer(MemorySegment s, long off, int peer) {
        int old = Bytes.i32(s, off + Ipv4Header.SOURCE);
        Bytes.put32(s, off + Ipv4Header.SOURCE, peer);
        long field = off + Ipv4Header.CHECKSUM;
        Bytes.put16(s, field, Checksum.update(Bytes.u16(s, field), Checksum.add32(0, old), Checksum.add32(0, peer)));
    }
}
