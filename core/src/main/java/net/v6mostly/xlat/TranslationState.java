package net.v6mostly.xlat;

import java.lang.foreign.MemorySegment;

import net.v6mostly.wire.Ipv4Header;
import net.v6mostly.wire.Ipv6Chain;
import net.v6mostly.wire.Ipv6Header;

/**
 * The state of one packet's translation, one instance per worker thread (DESIGN.md §3.6, "parse
 * once", in the spirit of Jool's {@code struct xlation}): what the caller handed in ({@link #now},
 * {@link #offload}, {@link #sink}), the parsed views of the incoming packet, the outgoing tuple
 * and where the translated packet is. Every step of a pipeline reads and writes this one object
 * instead of parsing the packet again or passing a dozen arguments:
 *
 * <ul>
 *   <li>the IPv6 header and its extension chain ({@link #ip6}, {@link #chain}) are parsed once by
 *       the RFC 7915 step and read by the NAT64's tuple extraction (RFC 6146 §3.4), and the same
 *       for the IPv4 header ({@link #ip4}, whose checksum is verified once);
 *   <li>the outgoing tuple: SIIT leaves it unset and the RFC 7915 step maps the addresses
 *       (EAM, pool6); the NAT64 fills the addresses ({@link #addressesGiven}) and the port or ICMP
 *       Identifier ({@link #portField}, {@link #outPort}) from its session (RFC 6146 §3.6), and
 *       the RFC 7915 step writes them in one incremental checksum update (RFC 1624);
 *   <li>a 6→4 result is left in {@link #outSegment}, {@link #outOffset}, {@link #outLength} for
 *       the caller to emit or to hairpin.
 * </ul>
 *
 * Mutable and reused for every packet: no allocation on the packet path.
 */
public final class TranslationState {
    /** {@link #portField} when no port or Identifier is rewritten (SIIT). */
    public static final long NO_PORT = -1;

    /** Wall-clock milliseconds, read once per batch by the caller ({@link Translator}). */
    public long now;
    /** {@link Offload} flags of the packet being translated. */
    public int offload;
    /** Receives what the packet's translation emits. */
    public PacketSink sink;

    /** The IPv4 header of the incoming packet, once parsed. */
    public final Ipv4Header ip4 = new Ipv4Header();
    /** The IPv6 header of the incoming packet, once parsed. */
    public final Ipv6Header ip6 = new Ipv6Header();
    /** The IPv6 extension chain of the incoming packet, once walked. */
    public final Ipv6Chain chain = new Ipv6Chain();
    /**
     * The incoming IPv6 source and destination, read once by the parse (the views read the
     * packet on every call). Valid until a step rewrites the header (the NAT64 rewrites the
     * source of an ICMPv6 error before translating it; those read the view).
     */
    public long source6Hi;
    /** Last 64 bits of the incoming IPv6 source. */
    public long source6Lo;
    /** First 64 bits of the incoming IPv6 destination. */
    public long destination6Hi;
    /** Last 64 bits of the incoming IPv6 destination. */
    public long destination6Lo;

    /**
     * Offset of the transport port or ICMP Identifier the translation rewrites to {@link #outPort}
     * (the TCP/UDP source port going 6→4, the destination port going 4→6, the Echo Identifier),
     * or {@link #NO_PORT}. Set for each packet by the pipeline.
     */
    public long portField = NO_PORT;
    /** The port or Identifier the packet leaves with (RFC 6146 §3.6: t going 6→4, x going 4→6). */
    public int outPort;

    /**
     * Whether the outgoing addresses below are given (the NAT64's session, RFC 6146 §3.6, whose
     * policy checks its tuple extraction made); when not, the RFC 7915 step maps the packet's
     * addresses itself (SIIT: EAM, then pool6). Never set for ICMP errors, whose embedded
     * addresses go through the mapper anyway.
     */
    public boolean addressesGiven;
    /** Given IPv4 source (6→4). */
    public int source4;
    /** Given IPv4 destination (6→4). */
    public int destination4;
    /** Given IPv6 source, first 64 bits (4→6). */
    public long sourceHi;
    /** Given IPv6 source, last 64 bits (4→6). */
    public long sourceLo;
    /** Given IPv6 destination, first 64 bits (4→6). */
    public long destinationHi;
    /** Given IPv6 destination, last 64 bits (4→6). */
    public long destinationLo;

    /** Segment of the translated 6→4 packet (the input, or a scratch buffer for ICMP errors). */
    public MemorySegment outSegment;
    /** Offset of the translated 6→4 packet. */
    public long outOffset;
    /** Length of the translated 6→4 packet. */
    public int outLength;

    /** Starts a packet: no port rewrite and no given addresses unless the pipeline sets them. */
    public void begin(PacketSink packetSink, int packetOffload) {
        this.sink = packetSink;
        this.offload = packetOffload;
        forget();
    }

    /** Forgets the outgoing port and addresses of the previous step (a replayed fragment, say). */
    public void forget() {
        this.portField = NO_PORT;
        this.addressesGiven = false;
    }
}
