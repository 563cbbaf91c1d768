package net.v6mostly.dns64;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Receives queries on one UDP socket; repeats of answers the cache gave are answered at once from
 * stored bytes ({@link QueryHandler#cachedUdpAnswer}), every other query on a virtual thread (RFC
 * 1035 §4.2.1). What one client may ask is limited first ({@link Admission}: rate, its share of
 * the in-flight limit, the global limit; refusals are dropped and counted). An unexpected error
 * on one datagram is counted and reported with the datagram ({@link Dns64Counters#fault}) and the
 * loop goes on; a socket that keeps failing stops the listener visibly ({@link ListenerFailures}).
 * Runs until the socket is closed.
 */
final class UdpListener implements Runnable {
    private static final int BUFFER = 65535;
    private final DatagramSocket socket;
    private final Supplier<QueryHandler> handler;
    private final Admission admission;
    private final Dns64Counters counters;
    private final Consumer<Throwable> fatal;

    private final ListenerFailures failures;

    UdpListener(DatagramSocket socket, Supplier<QueryHandler> handler, Admission admission, Dns64Counters counters,
            Consumer<Throwable> fatal) {
        this(socket, handler, admission, counters, fatal, new ListenerFailures());
    }

    UdpListener(DatagramSocket socket, Supplier<QueryHandler> handler, Admission admission, Dns64Counters counters,
            Consumer<Throwable> fatal, ListenerFailures failures) {
        this.socket = socket;
        this.handler = handler;
        this.admission = admission;
        this.counters = counters;
        this.fatal = fatal;
        this.failures = failures;
    }

    @Override
    public void run() {
        byte[] buf = new byte[BUFFER];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
                failures.success();
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
                failures.failed(e, fatal, counters);   // throws when the socket is gone for good
                continue;
            }
            try {
                onDatagram(p);
            } catch (RuntimeException | StackOverflowError e) {
                counters.fault(e, p.getData(), p.getLength());
            }
        }
    }

    private void onDatagram(DatagramPacket p) {
        InetAddress from = p.getAddress();
        if (!admission.withinRate(from)) {
            return;
        }
        QueryHandler current = handler.get();
        byte[] cached = current.cachedUdpAnswer(p.getData(), p.getLength(), from);
        if (cached != null) {   // a repeat of an answer the cache gave: answered here, no hand-off
            send(cached, p.getSocketAddress());
            return;
        }
        if (!admission.enter(from)) {
            return;
        }
        byte[] data = Arrays.copyOf(p.getData(), p.getLength());
        SocketAddress reply = p.getSocketAddress();
        try {
            Thread.ofVirtual().start(() -> answer(current, data, from, reply));
        } catch (RuntimeException | OutOfMemoryError e) {   // no thread for it: dropped, counted
            admission.exit(from);
            counters.fault(e, data, data.length);
        }
    }

    private void answer(QueryHandler h, byte[] data, InetAddress from, SocketAddress reply) {
        try {
            byte[] out = h.handle(data, data.length, from, true);
            if (out != null) {
                send(out, reply);
            }
        } catch (RuntimeException | StackOverflowError e) {
            counters.fault(e, data, data.length);
        } finally {
            admission.exit(from);
        }
    }

    private void send(byte[] out, SocketAddress to) {
        try {
            socket.send(new DatagramPacket(out, out.length, to));
        } catch (IOException e) {
            // the client went away or the socket closed: nothing to answer to
        }
    }
}
