package net.v6mostly.dns64;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Receives queries on one UDP socket; repeats of answers the cache gave are answered at once from
 * stored bytes ({@link QueryHandler#cachedUdpAnswer}), every other query on a virtual thread (RFC
 * 1035 §4.2.1), dropping what exceeds the in-flight limit. Runs until the socket is closed.
 */
final class UdpListener implements Runnable {
    private static final int BUFFER = 65535;
    private final DatagramSocket socket;
    private final Supplier<QueryHandler> handler;
    private final Semaphore inFlight;
    private final Dns64Counters counters;

    UdpListener(DatagramSocket socket, Supplier<QueryHandler> handler, Semaphore inFlight, Dns64Counters counters) {
        this.socket = socket;
        this.handler = handler;
        this.inFlight = inFlight;
        this.counters = counters;
    }

    @Override
    public void run() {
        byte[] buf = new byte[BUFFER];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
                continue; // e.g. ICMP port unreachable reported on the socket: keep serving
            }
            QueryHandler current = handler.get();
            byte[] cached = current.cachedUdpAnswer(p.getData(), p.getLength(), p.getAddress());
            if (cached != null) {   // a repeat of an answer the cache gave: answered here, no hand-off
                try {
                    socket.send(new DatagramPacket(cached, cached.length, p.getSocketAddress()));
                } catch (IOException e) {
                    // the client went away: nothing to answer to
                }
                continue;
            }
            if (!inFlight.tryAcquire()) {
                counters.increment(Dns64Stat.OVERLOAD_DROPPED);
                continue;
            }
            byte[] data = Arrays.copyOf(p.getData(), p.getLength());
            InetAddress from = p.getAddress();
            SocketAddress reply = p.getSocketAddress();
            Thread.ofVirtual().start(() -> answer(current, data, from, reply));
        }
    }

    private void answer(QueryHandler h, byte[] data, InetAddress from, SocketAddress reply) {
        try {
            byte[] out = h.handle(data, data.length, from, true);
            if (out != null) {
                socket.send(new DatagramPacket(out, out.length, reply));
            }
        } catch (IOException e) {
            // the client went away or the socket closed: nothing to answer to
        } finally {
            inFlight.release();
        }
    }
}
