package net.v6mostly.dns64;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Accepts DNS-over-TCP connections (RFC 1035 §4.2.2, RFC 7766): two-byte length, message, as many
 * queries per connection as the client sends, answered in order on the connection's virtual thread.
 *
 * <p>Hostile clients (DESIGN.md §6): a client outside {@code allow-clients} is closed at accept,
 * before a byte is read (RFC 5358 §4); one client address holds at most its share of the
 * {@code max-tcp-connections} (RFC 7766 §6.2.2); and every connection runs against deadlines kept
 * by a watchdog that closes the socket, not against a per-read timeout that a client trickling one
 * byte at a time renews forever: each query must arrive complete, and each answer be taken, within
 * {@code tcp-idle-timeout} (RFC 7766 §6.2.3), and no connection outlives
 * {@code tcp-connection-lifetime}. Every refusal and close is counted.
 */
final class TcpListener implements Runnable {
    private static final byte[] NO_INPUT = new byte[0];
    private final ServerSocket server;
    private final Supplier<QueryHandler> handler;
    private final Admission admission;
    private final Semaphore connections;
    private final ClientShares perClient;
    private final ScheduledExecutorService watchdog;
    private final Dns64Counters counters;
    private final Consumer<Throwable> fatal;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    TcpListener(ServerSocket server, Supplier<QueryHandler> handler, Admission admission, Semaphore connections,
            ClientShares perClient, ScheduledExecutorService watchdog, Dns64Counters counters,
            Consumer<Throwable> fatal) {
        this.server = server;
        this.handler = handler;
        this.admission = admission;
        this.connections = connections;
        this.perClient = perClient;
        this.watchdog = watchdog;
        this.counters = counters;
        this.fatal = fatal;
    }

    @Override
    public void run() {
        ListenerFailures failures = new ListenerFailures();
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
                failures.success();
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
                failures.failed(e, fatal, counters);   // throws when the socket is gone for good
                continue;
            }
            try {
                admit(s);
            } catch (RuntimeException e) {
                counters.fault(e, NO_INPUT, 0);
                closeQuietly(s);
            }
        }
    }

    /** The checks at accept, cheapest first; a connection that passes them all gets a virtual thread. */
    private void admit(Socket s) {
        InetAddress client = s.getInetAddress();
        if (!handler.get().settings().allowClients().contains(client)) {
            refuse(s, Dns64Stat.TCP_REFUSED_CLIENT);
            return;
        }
        if (!perClient.tryAcquire(client)) {
            refuse(s, Dns64Stat.TCP_CLIENT_LIMIT);
            return;
        }
        if (!connections.tryAcquire()) {
            perClient.release(client);
            refuse(s, Dns64Stat.TCP_REJECTED);
            return;
        }
        counters.increment(Dns64Stat.TCP_CONNECTIONS);
        try {
            Thread.ofVirtual().name("dns64-tcp-client").start(() -> serve(s, client));
        } catch (RuntimeException | OutOfMemoryError e) {   // no thread for it: closed, counted
            connections.release();
            perClient.release(client);
            closeQuietly(s);
            counters.fault(e, NO_INPUT, 0);
        }
    }

    private void refuse(Socket s, Dns64Stat why) {
        counters.increment(why);
        closeQuietly(s);
    }

    /** One connection: its exchanges until either side ends it; every close is counted, every slot given back. */
    private void serve(Socket s, InetAddress client) {
        Deadline deadline = new Deadline(s, watchdog);
        open.add(s);
        try (s) {
            converse(s, client, deadline);
        } catch (IOException e) {
            Dns64Stat why = deadline.expired();
            if (why != null) {
                counters.increment(why);
            }
            // else: connection reset or truncated stream: closed, nothing to count
        } catch (RuntimeException | StackOverflowError e) {
            counters.fault(e, deadline.query, deadline.query.length);
        } finally {
            open.remove(s);
            deadline.disarm();
            connections.release();
            perClient.release(client);
        }
    }

    /** Read a query, answer, repeat; every wait on the client runs under a deadline. */
    private void converse(Socket s, InetAddress client, Deadline deadline) throws IOException {
        Dns64Settings settings = handler.get().settings();
        long end = System.nanoTime() + settings.abuse().tcpConnectionLifetime().toNanos();
        long idle = settings.tcpIdleTimeout().toNanos();
        DataInputStream in = new DataInputStream(s.getInputStream());
        OutputStream out = s.getOutputStream();
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                counters.increment(Dns64Stat.TCP_LIFETIME_CLOSED);
                return;
            }
            deadline.arm(Math.min(idle, left), idle < left ? Dns64Stat.TCP_IDLE_CLOSED : Dns64Stat.TCP_LIFETIME_CLOSED);
            int length;
            try {
                length = in.readUnsignedShort();
            } catch (EOFException e) {
                return;   // the client closed between queries (or inside a length): done
            }
            deadline.query = new byte[length];
            in.readFully(deadline.query);
            deadline.disarm();
            byte[] answer = answer(deadline.query, length, client);
            if (answer == null) {
                return;
            }
            deadline.arm(idle, Dns64Stat.TCP_STALLED_CLOSED);
            out.write(framed(answer));
            out.flush();
            deadline.disarm();
        }
    }

    /** Closes every open client connection (the server is closing); their threads end. */
    void closeConnections() {
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    /** The answer to one query, or null to close the connection (dropped, refused or counted fault). */
    private byte[] answer(byte[] query, int length, InetAddress client) {
        if (!admission.withinRate(client) || !admission.enter(client)) {
            return null;
        }
        try {
            return handler.get().handle(query, length, client, false);
        } finally {
            admission.exit(client);
        }
    }

    private static byte[] framed(byte[] answer) {
        byte[] framed = new byte[answer.length + 2];
        framed[0] = (byte) (answer.length >>> 8);
        framed[1] = (byte) answer.length;
        System.arraycopy(answer, 0, framed, 2, answer.length);
        return framed;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // refusing anyway
        }
    }

    /**
     * The watchdog's hold on one connection: when armed time runs out it closes the socket, which
     * ends any blocked read or write at once, and remembers why for the count. Also keeps the
     * query being handled, for a fault report.
     */
    private static final class Deadline {
        private final Socket socket;
        private final ScheduledExecutorService watchdog;
        private ScheduledFuture<?> timer;
        private volatile Dns64Stat expired;
        /** The query being handled, for the fault report. */
        private byte[] query = NO_INPUT;

        Deadline(Socket socket, ScheduledExecutorService watchdog) {
            this.socket = socket;
            this.watchdog = watchdog;
        }

        void arm(long nanos, Dns64Stat why) {
            disarm();
            try {
                timer = watchdog.schedule(() -> {
                    expired = why;
                    closeQuietly(socket);
                }, Math.max(1, nanos), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopping) {   // the server is closing: so is this connection
                closeQuietly(socket);
            }
        }

        void disarm() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }

        /** Why the watchdog closed the socket, or null when it did not. */
        Dns64Stat expired() {
            return expired;
        }
    }
}
