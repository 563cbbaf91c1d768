package net.v6mostly.xlat.rfc6146;

import java.lang.foreign.MemorySegment;

import net.v6mostly.wire.Bytes;
import net.v6mostly.wire.Checksum;
import net.v6mostly.wire.Ipv6Header;
import net.v6mostly.xlat.XlatStat;
import net.v6mostly.xlat.rfc7915.Xlat64;

/**
 * RFC 6146 §3.7, "Translating the Packet", IPv6 to IPv4: the RFC 7915 step ({@link Xlat64}) writes
 * the headers with the addresses and the port or Identifier of the outgoing tuple (§3.6,
 * {@link OutgoingTuple}), in one checksum update.
 *
 * <ul>
 *   <li>Ordinary packets: the port is rewritten with the addresses, after every ICMPv6 error RFC
 *       7915 sends about the packet (Packet Too Big, Time Exceeded) was built, so those quote it
 *       as the host sent it.
 *   <li>ICMPv6 errors: the embedded packet's destination port becomes t and the outer source
 *       becomes X' before translation, so RFC 7915 maps it to T: "outer is the tuple, inner the
 *       tuple inverted" (§3.6, §3.7; Jool's graybox ptb64), whoever on the IPv6 side sent it.
 * </ul>
 */
public final class Translation64 {
    private final Xlat64 xlat;

    /** Translation through the thread's RFC 7915 6→4 step. */
    public Translation64(Xlat64 xlat) {
        this.xlat = xlat;
    }

    /**
     * Translates the packet the RFC 7915 step parsed; on {@link XlatStat#TRANSLATED_64} the
     * result is in the translation state's out fields.
     */
    public XlatStat translate(MemorySegment s, long off, Tuple t) {
        if (t.icmpError) {
            PortRewrite.rewrite(s, t.portField, t.outPort, t.checksumField, t.protocol == Protocol.UDP,
                    t.outerChecksumField);
            sourceToHost(s, off, t);
        }
        return xlat.translateParsed(s, off);
    }

    /** The outer source of an ICMPv6 error becomes X', its checksum following the pseudo-header. */
    private static void sourceToHost(MemorySegment s, long off, Tuple t) {
        long hi = Bytes.i64(s, off + Ipv6Header.SOURCE);
        long lo = Bytes.i64(s, off + Ipv6Header.SOURCE + 8);
        if (hi == t.hi && lo == t.lo) {
            return;
        }
        long removed = Checksum.add64(Checksum.add64(0, hi), lo);
        long added = Checksum.add64(Checksum.add64(0, t.hi), t.lo);
        Bytes.put64(s, off + Ipv6Header.SOURCE, t.hi);
        Bytes.put64(s, off + Ipv6Header.SOURCE + 8, t.lo);
        long field = t.outerChecksumField;
        Bytes.put16(s, field, Checksum.update(Bytes.u16(s, field), removed, added));
    }
}
