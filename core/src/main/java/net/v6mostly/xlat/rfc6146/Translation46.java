package net.v6mostly.xlat.rfc6146;

import java.lang.foreign.MemorySegment;

import net.v6mostly.wire.Bytes;
import net.v6mostly.wire.Checksum;
import net.v6mostly.wire.Ipv4Header;
import net.v6mostly.xlat.XlatStat;
import net.v6mostly.xlat.rfc7915.Xlat46;

/**
 * RFC 6146 §3.7, "Translating the Packet", IPv4 to IPv6: the RFC 7915 step ({@link Xlat46}) writes
 * the headers with the addresses and the port or Identifier of the outgoing tuple (§3.6,
 * {@link OutgoingTuple}), in one checksum update, before it fragments.
 *
 * <ul>
 *   <li>Ordinary packets: the port is rewritten with the addresses, after every ICMPv4 error RFC
 *       7915 sends about the packet (Fragmentation Needed, Time Exceeded) was built, so those
 *       quote it with the port the IPv4 peer knows; a fragmented result carries it in its first
 *       fragment.
 *   <li>ICMPv4 errors: the embedded packet's source port becomes x before translation. The outer
 *       source stays the router that sent the error, which makes traceroute useful (Jool's
 *       {@code source-icmpv6-errors-better}); with {@code errorsFromSender} off it becomes the
 *       embedded destination, the peer the session is with.
 * </ul>
 */
public final class Translation46 {
    private final Xlat46 xlat;
    private final boolean errorsFromSender;

    /**
     * @param errorsFromSender translated ICMPv4 errors keep their sender's address as source
     */
    public Translation46(Xlat46 xlat, boolean errorsFromSender) {
        this.xlat = xlat;
        this.errorsFromSender = errorsFromSender;
    }

    /** Translates the packet the RFC 7915 step parsed and emits it to the translation state's sink. */
    public XlatStat translate(MemorySegment s, long off, Tuple t, boolean hairpinned) {
        if (t.icmpError) {
            PortRewrite.rewrite(s, t.portField, t.outPort, t.checksumField, t.protocol == Protocol.UDP,
                    t.outerChecksumField);
            if (!errorsFromSender) {
                sourceToPeer(s, off, t.remote4);
            }
        }
        return xlat.translateParsed(s, off, hairpinned);
    }

    /** A later fragment: headers only, no transport header to rewrite (the session is set). */
    public XlatStat translateFragment(MemorySegment s, long off) {
        return xlat.translateParsed(s, off, false);
    }

    /** Jool's source-icmpv6-errors-better off: the error seems to come from the peer itself. */
    private static void sourceToPeer(MemorySegment s, long off, int peer) {
        int old = Bytes.i32(s, off + Ipv4Header.SOURCE);
        Bytes.put32(s, off + Ipv4Header.SOURCE, peer);
        long field = off + Ipv4Header.CHECKSUM;
        Bytes.put16(s, field, Checksum.update(Bytes.u16(s, field), Checksum.add32(0, old), Checksum.add32(0, peer)));
    }
}
