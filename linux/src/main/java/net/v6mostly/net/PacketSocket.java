package net.v6mostly.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import net.v6mostly.linux.Libc;
import net.v6mostly.linux.LinuxException;
import net.v6mostly.wire.Udp4Datagram;

/**
 * An AF_PACKET/SOCK_DGRAM socket (packet(7)) that sends an IPv4 datagram straight to a hardware
 * address: how a DHCP server unicasts to a client that has no IPv4 address yet and so cannot
 * answer ARP (RFC 2131 §4.1, "unicast ... to the client's hardware address and 'yiaddr'"); the
 * kernel adds the Ethernet header. Receives nothing (protocol 0).
 */
public final class PacketSocket implements AutoCloseable {
    private static final int ETH_P_IP = 0x0800;

    private final Arena arena = Arena.ofConfined();
    private final MemorySegment errno = Libc.errnoState(arena);
    private final MemorySegment ll = arena.allocate(20, 4);
    private final MemorySegment buffer = arena.allocate(65536, 8);
    private final String interfaceName;
    private final int ifIndex;
    private final int fd;

    public PacketSocket(String interfaceName) throws LinuxException {
        this.interfaceName = interfaceName;
        this.ifIndex = UdpSocket4.interfaceIndex(arena, errno, interfaceName);
        if (ifIndex == 0) {
            arena.close();
            throw new LinuxException("if_nametoindex", interfaceName, Libc.errno(errno));
        }
        fd = SocketCalls.socket(errno, SocketCalls.AF_PACKET, SocketCalls.SOCK_DGRAM | SocketCalls.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            int e = Libc.errno(errno);
            arena.close();
            throw new LinuxException("socket(AF_PACKET)", interfaceName, e);
        }
    }

    /** Sends {@code payload} as UDP {@code src:sport -> dst:dport} to the hardware address {@code mac}. */
    public void send(byte[] mac, int src, int dst, int sport, int dport, byte[] payload) throws LinuxException {
        byte[] datagram = Udp4Datagram.build(src, dst, sport, dport, payload);
        MemorySegment.copy(datagram, 0, buffer, ValueLayout.JAVA_BYTE, 0, datagram.length);
        ll.fill((byte) 0);
        ll.set(ValueLayout.JAVA_SHORT, 0, (short) SocketCalls.AF_PACKET);        // sll_family
        ll.set(ValueLayout.JAVA_BYTE, 2, (byte) (ETH_P_IP >>> 8));               // sll_protocol, network order
        ll.set(ValueLayout.JAVA_BYTE, 3, (byte) ETH_P_IP);
        ll.set(ValueLayout.JAVA_INT, 4, ifIndex);                                // sll_ifindex
        ll.set(ValueLayout.JAVA_BYTE, 11, (byte) Math.min(mac.length, 8));        // sll_halen
        MemorySegment.copy(mac, 0, ll, ValueLayout.JAVA_BYTE, 12, Math.min(mac.length, 8));
        if (SocketCalls.sendto(errno, fd, buffer, datagram.length, 0, ll, 20) < 0) {
            throw new LinuxException("sendto(AF_PACKET)", interfaceName, Libc.errno(errno));
        }
    }

    @Override
    public void close() {
        Libc.close(errno, fd);
        arena.close();
    }
}
