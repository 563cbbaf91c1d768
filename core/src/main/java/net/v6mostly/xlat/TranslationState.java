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
 *   <li>the outgoing port or ICMP Identifier ({@link #portField}, {@link #outPort}) is written
 *       by the RFC 7915 step in the same incremental checksum update as the addresses (RFC 1624):
 *       SIIT leaves it unset, the NAT64 fills it from its session (RFC 6146 §3.6), as it fills
 *       the addresses through its session mapper;
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
     * Offset of the transport port or ICMP Identifier the translation rewrites to {@link #outPort}
     * (the TCP/UDP source port going 6→4, the destination port going 4→6, the Echo Identifier),
     * or {@link #NO_PORT}. Set for each packet by the pipeline.
     */
    public long portField = NO_PORT;
    /** The port or Identifier the packet leaves with (RFC 6146 §3.6: t going 6→4, x going 4→6). */
    public int outPort;

    /** Segment of the translated 6→4 packet (the input, or a scratch buffer for ICMP errors). */
    public MemorySegment outSegment;
    /** Offset of the translated 6→4 packet. */
    public long outOffset;
    /** Length of the translated 6→4 packet. */
    public int outLength;

    /** Starts a packet: no port rewrite unless the pipeline asks for one. */
    public void begin(PacketSink packetSink, int packetOffload) {
        this.sink = packetSink;
        this.offload = packetOffload;
        this.portField = NO_PORT;
    }
}
