package net.v6mostly.xlat.rfc6146;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The packets behind the engine's held unsolicited IPv4 SYNs (RFC 6146 §3.5.2.2): when no IPv6
 * SYN arrives within TCP_INCOMING_SYN, the held SYN is answered with ICMP Port Unreachable, which
 * needs the packet itself. Keyed like the engine's table by (T, t, Z, z); the engine bounds its
 * size. A SYN that reached the IPv4 half through hairpinning is kept as the original IPv6 packet
 * and answered with ICMPv6 Port Unreachable. Shared by all workers and the sweeping thread.
 * Holding is the slow path: it copies the packet.
 */
public final class HeldSynPackets {
    record Key(int addr4, int port4, int remote4, int remotePort) {
    }

    /**
     * A stored packet.
     *
     * @param bytes the packet as it arrived
     * @param v6 whether it is the IPv6 packet of a hairpinned SYN
     */
    public record Packet(byte[] bytes, boolean v6) {
    }

    private final ConcurrentHashMap<Key, Packet> packets = new ConcurrentHashMap<>();

    /** Keeps a copy of the packet at {@code off}; a retransmission keeps the first copy. */
    void put(int addr4, int port4, int remote4, int remotePort, MemorySegment s, long off, int len, boolean v6) {
        Key key = new Key(addr4, port4, remote4, remotePort);
        if (!packets.containsKey(key)) {
            byte[] copy = new byte[len];
            MemorySegment.copy(s, ValueLayout.JAVA_BYTE, off, copy, 0, len);
            packets.putIfAbsent(key, new Packet(copy, v6));
        }
    }

    /** Takes the packet out, or null. */
    Packet remove(int addr4, int port4, int remote4, int remotePort) {
        if (packets.isEmpty()) {
            return null;
        }
        return packets.remove(new Key(addr4, port4, remote4, remotePort));
    }

    /** Packets held. */
    public int size() {
        return packets.size();
    }
}
