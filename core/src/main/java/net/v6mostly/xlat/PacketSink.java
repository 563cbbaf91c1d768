package net.v6mostly.xlat;

import java.lang.foreign.MemorySegment;

/**
 * Receives every packet the translator emits: translated packets, fragments it made, and ICMP
 * errors it generated. Called synchronously on the translating thread; the bytes are valid only
 * until the call returns, so the sink writes or copies them before returning.
 */
@FunctionalInterface
public interface PacketSink {
    /**
     * Takes one complete IP packet.
     *
     * @param side   the side the packet leaves on
     * @param packet the segment holding it
     * @param offset offset of the first byte of the IP header
     * @param length length of the packet
     */
    void emit(Side side, MemorySegment packet, long offset, int length);
}
