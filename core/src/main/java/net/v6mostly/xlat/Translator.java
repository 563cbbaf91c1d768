package net.v6mostly.xlat;

import java.lang.foreign.MemorySegment;

import net.v6mostly.stats.Stat;

/**
 * One translator on the packet path, whatever it translates: the stateless {@link Siit} (RFC 7915
 * with RFC 6052 and RFC 7757 mapping, also what the CLAT runs, RFC 6877 §6.3), and the stateful
 * NAT64 ({@code Nat64Pipeline}, RFC 6146). The data path, the offline pcap translation and the
 * benchmarks call it directly. An instance belongs to one thread (DESIGN.md §3.6): it owns its
 * per-worker translation state and scratch.
 *
 * <p>Time is explicit: the caller reads the clock once per batch (the packets read in one wake-up)
 * and passes the same {@code now} for each packet of the batch. The unit is milliseconds of the
 * wall clock ({@link System#currentTimeMillis()}), the one unit of every pipeline: the NAT64
 * needs wall time for its session lifetimes and its mapping log (RFC 6146 §4, RFC 7422), and a
 * millisecond is fine enough for the ICMP error rate limiter (RFC 7915 §4.4, §5.4), which
 * tolerates a clock that steps back.
 */
public interface Translator {
    /**
     * Translates one packet. The bytes at {@code off..off+len} may be rewritten in place and the
     * {@link Siit#HEADROOM} bytes before {@code off} used to grow the header.
     *
     * @param buf     segment holding the packet
     * @param off     offset of the IP header; at least {@link Siit#HEADROOM}
     * @param len     length of the packet as received
     * @param now     wall-clock milliseconds, read once per batch by the caller
     * @param sink    receives every emitted packet before this method returns
     * @param offload {@link Offload} flags of the packet (virtio-net header), {@link Offload#NONE}
     * @return the exit the packet took, counted once in the translator's own counters
     */
    Stat translate(MemorySegment buf, long off, int len, long now, PacketSink sink, int offload);

    /**
     * The RFC 7915 settings in force (the MTUs the data path's virtio-net fix-ups need); after a
     * reload, the new ones from the next packet on.
     */
    SiitSettings settings();
}
