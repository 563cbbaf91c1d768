package net.v6mostly.dns64;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;

/**
 * The running proxy: a UDP and a TCP listener per listen address, answering through the current
 * {@link QueryHandler}. Queries are answered on virtual threads, at most {@code max-in-flight} at
 * once (more are dropped and counted, so a flood cannot exhaust memory), each client at most its
 * share of them and, when configured, at most its query rate ({@link Admission}); TCP connections
 * are limited globally and per client and run against deadlines ({@link TcpListener}).
 * {@link #reload} swaps settings, upstreams and cache without closing the sockets. A listener
 * whose socket fails for good ends its thread with the error and completes {@link #failure()}.
 */
public final class Dns64Server implements Closeable {
    private final Dns64Counters counters;
    private final List<Closeable> sockets = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<TcpListener> tcpListeners = new ArrayList<>();
    private final List<InetSocketAddress> bound = new ArrayList<>();
    private final Admission admission;
    private final Semaphore tcpConnections;
    private final ClientShares tcpPerClient;
    private final ScheduledThreadPoolExecutor watchdog;
    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
    private volatile QueryHandler handler;

    private Dns64Server(Dns64Settings settings, Upstream upstream, Dns64Counters counters) {
        this.counters = counters;
        this.handler = handler(settings, upstream, counters);
        this.admission = new Admission(settings, counters, System::nanoTime);
        this.tcpConnections = new Semaphore(settings.maxTcpConnections());
        this.tcpPerClient = new ClientShares(Math.min(settings.abuse().tcpConnectionsPerClient(),
                settings.maxTcpConnections()));
        this.watchdog = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("dns64-tcp-watchdog").factory());
        this.watchdog.setRemoveOnCancelPolicy(true);
    }

    /** Binds every listen address (UDP and TCP) and starts answering, asking the configured upstreams. */
    public static Dns64Server start(Dns64Settings settings, Dns64Counters counters) throws IOException {
        return start(settings, new UpstreamClient(settings.upstreams(), settings.upstreamTimeout(), counters), counters);
    }

    /** Binds and starts with {@code upstream}; for tests. */
    public static Dns64Server start(Dns64Settings settings, Upstream upstream, Dns64Counters counters)
            throws IOException {
        Dns64Server server = new Dns64Server(settings, upstream, counters);
        try {
            for (InetSocketAddress at : settings.listen()) {
                server.listen(at);
            }
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on " + settings.listen() + ": " + e.getMessage(), e);
        }
        return server;
    }

    private static QueryHandler handler(Dns64Settings s, Upstream upstream, Dns64Counters counters) {
        DnsCache cache = new DnsCache(s.cacheEntries(), s.cacheBytes(), System::nanoTime, counters);
        return new QueryHandler(s, new Dns64Resolver(s, upstream, counters), cache, counters);
    }

    /**
     * Uses {@code settings} for every query from now on, with a fresh cache; listen addresses and
     * limits keep their old values until a restart.
     */
    public void reload(Dns64Settings settings) {
        handler = handler(settings, new UpstreamClient(settings.upstreams(), settings.upstreamTimeout(), counters),
                counters);
    }

    /** The addresses actually bound (UDP), in listen order; port 0 in the settings shows the chosen port. */
    public List<InetSocketAddress> addresses() {
        return List.copyOf(bound);
    }

    /**
     * UDP sockets per listen address: one per CPU (at most {@value #MAX_UDP_SOCKETS}), joined in one
     * SO_REUSEPORT group (socket(7)) so the kernel spreads clients over them and every CPU can
     * receive and answer; a kernel without SO_REUSEPORT gets one.
     */
    static final int MAX_UDP_SOCKETS = 4;

    private DatagramSocket udpSocket(InetSocketAddress at, boolean reusePort) throws IOException {
        DatagramSocket udp = new DatagramSocket(null);
        sockets.add(udp);
        if (reusePort) {
            udp.setOption(java.net.StandardSocketOptions.SO_REUSEPORT, true);
        }
        udp.bind(at);
        return udp;
    }

    private void listen(InetSocketAddress at) throws IOException {
        boolean reusePort = DatagramSocketSupport.reusePort();
        if (reusePort) {
            // a socket in an SO_REUSEPORT group shares the port with any other group of the same
            // user: bind once without it first, so a port in use still fails as "address in use"
            try (DatagramSocket probe = new DatagramSocket(null)) {
                probe.bind(at);
                at = (InetSocketAddress) probe.getLocalSocketAddress();
            }
        }
        DatagramSocket udp = udpSocket(at, reusePort);
        InetSocketAddress actual = (InetSocketAddress) udp.getLocalSocketAddress();
        int extra = reusePort ? Math.min(MAX_UDP_SOCKETS, Runtime.getRuntime().availableProcessors()) - 1 : 0;
        for (int i = 0; i < extra; i++) {
            DatagramSocket more = udpSocket(actual, true);
            UdpListener u = new UdpListener(more, () -> handler, admission, counters, failure::complete);
            threads.add(Thread.ofPlatform().daemon().name("dns64-udp-" + actual + "-" + (i + 1)).start(u));
        }
        ServerSocket tcp = new ServerSocket();
        sockets.add(tcp);
        tcp.setReuseAddress(true);
        tcp.bind(new InetSocketAddress(actual.getAddress(), actual.getPort()), 64);
        bound.add(actual);
        UdpListener u = new UdpListener(udp, () -> handler, admission, counters, failure::complete);
        TcpListener t = new TcpListener(tcp, () -> handler, admission, tcpConnections, tcpPerClient, watchdog,
                counters, failure::complete);
        tcpListeners.add(t);
        threads.add(Thread.ofPlatform().daemon().name("dns64-udp-" + actual).start(u));
        threads.add(Thread.ofPlatform().daemon().name("dns64-tcp-" + actual).start(t));
    }

    /**
     * Completes with the error of the first listener whose socket failed for good (its thread has
     * ended, {@link Dns64Stat#LISTENER_FAILED}); never completes while every listener runs. A
     * standalone proxy exits non-zero on it.
     */
    public CompletableFuture<Throwable> failure() {
        return failure;
    }

    /** The listener threads (UDP and TCP per listen address): each runs until {@link #close} or its socket fails. */
    public List<Thread> listenerThreads() {
        return List.copyOf(threads);
    }

    /** Closes every socket; listener threads end. */
    @Override
    public void close() {
        watchdog.shutdownNow();
        tcpListeners.forEach(TcpListener::closeConnections);
        for (Closeable c : sockets) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing: nothing left to do
            }
        }
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Whether this platform's datagram sockets take SO_REUSEPORT (Linux does). */
    private static final class DatagramSocketSupport {
        static boolean reusePort() {
            try (DatagramSocket probe = new DatagramSocket(null)) {
                return probe.supportedOptions().contains(java.net.StandardSocketOptions.SO_REUSEPORT);
            } catch (IOException e) {
                return false;
            }
        }
    }
}
