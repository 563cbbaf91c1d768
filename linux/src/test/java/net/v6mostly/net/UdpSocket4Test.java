package net.v6mostly.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.v6mostly.addr.Ipv4;

/**
 * The batched socket against the kernel's loopback: recvmmsg(2) hands out every queued datagram
 * whole and in order with its source and IP_PKTINFO destination, sendmmsg(2) delivers every
 * queued reply, and a reply the kernel refuses is reported without stopping the others.
 */
class UdpSocket4Test {
    private static final int LOOPBACK = Ipv4.parse("127.0.0.1");
    private static final int EINVAL = 22;

    /** A port nobody holds now (the socket under test binds 0.0.0.0:port). */
    private static int freePort() throws Exception {
        try (DatagramSocket probe = new DatagramSocket(0)) {
            return probe.getLocalPort();
        }
    }

    /** Sizes around the batch and slot limits: more datagrams than one recvmmsg(2) takes. */
    private static byte[] datagram(int i) {
        int size = i == 7 ? 65_507 : 1 + i * 37;     // one maximum-size UDP payload among them
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) i);
        b[0] = (byte) i;
        return b;
    }

    @Test
    void receivesEveryQueuedDatagramWholeInOrderAcrossSeveralBatches() throws Exception {
        int count = UdpSocket4.SLOTS * 2 + 3;
        int port = freePort();
        try (UdpSocket4 socket = new UdpSocket4(null, port, 65536); DatagramSocket client = new DatagramSocket(0,
                InetAddress.getLoopbackAddress())) {
            client.setSendBufferSize(1 << 20);
            for (int i = 0; i < count; i++) {
                byte[] d = datagram(i);
                client.send(new DatagramPacket(d, d.length, InetAddress.getLoopbackAddress(), port));
            }
            byte[] in = new byte[65536];
            List<Integer> seen = new ArrayList<>();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (seen.size() < count && System.nanoTime() < deadline) {
                int n = socket.receive(in);
                if (n < 0) {
                    Thread.sleep(5);
                    continue;
                }
                int i = seen.size();
                assertThat(Arrays.copyOf(in, n)).as("datagram %d", i).isEqualTo(datagram(i));
                assertThat(socket.lastSource()).isEqualTo(LOOPBACK);
                assertThat(socket.lastDestination()).isEqualTo(LOOPBACK);
                assertThat(socket.lastInterface()).isEqualTo("lo");
                seen.add(i);
            }
            assertThat(seen).hasSize(count);
            assertThat(socket.receive(in)).as("nothing more waiting").isEqualTo(-1);
        }
    }

    @Test
    void flushSendsEveryQueuedReplyAndReportsARefusedOneWithoutStoppingTheRest() throws Exception {
        int port = freePort();
        try (UdpSocket4 socket = new UdpSocket4(null, port, 65536); DatagramSocket peer = new DatagramSocket(0,
                InetAddress.getLoopbackAddress())) {
            peer.setReceiveBufferSize(1 << 20);
            peer.setSoTimeout(5000);
            List<String> refusals = new ArrayList<>();
            UdpSocket4.Refusal refusal = (a, p, e) -> refusals.add(Ipv4.format(a) + ":" + p + " errno " + e);
            int count = UdpSocket4.SLOTS + 5;      // the queue fills once and is flushed by send itself
            for (int i = 0; i < count; i++) {
                if (i == 3) {
                    socket.send(new byte[] {1}, LOOPBACK, 0, refusal);   // port 0: udp_sendmsg says EINVAL
                }
                socket.send(datagram(i), LOOPBACK, peer.getLocalPort(), refusal);
            }
            byte[] big = new byte[5000];                   // larger than a send slot: sent alone, after the queue
            Arrays.fill(big, (byte) 0x5a);
            socket.send(big, LOOPBACK, peer.getLocalPort(), refusal);
            assertThat(socket.flush(refusal)).isZero();
            assertThat(refusals).containsExactly("127.0.0.1:0 errno " + EINVAL);
            byte[] in = new byte[65536];
            for (int i = 0; i < count; i++) {
                DatagramPacket p = new DatagramPacket(in, in.length);
                peer.receive(p);
                assertThat(Arrays.copyOf(in, p.getLength())).as("reply %d", i).isEqualTo(datagram(i));
                assertThat(((InetSocketAddress) p.getSocketAddress()).getPort()).isEqualTo(port);
            }
            DatagramPacket p = new DatagramPacket(in, in.length);
            peer.receive(p);
            assertThat(Arrays.copyOf(in, p.getLength())).isEqualTo(big);
        }
    }
}
