package net.v6mostly.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import net.v6mostly.stats.InputFaults;

/**
 * The metrics endpoint: a small HTTP/1.1 server (RFC 9112) serving {@code GET /metrics}, plus
 * plain-text pages, one request per connection ({@code Connection: close}). Bound to loopback by
 * default ({@code [metrics] listen}); it has no authentication, so bind it only where scrapers are
 * trusted.
 *
 * <p>The metrics are the Prometheus Java client's model ({@link MetricSnapshots}), written by the
 * client's own exposition writers: the format is negotiated from the request's {@code Accept}
 * header ({@link Exposition#writer}: OpenMetrics 1.0 when the scraper asks for it, the text format
 * 0.0.4 otherwise), with the client's escaping. The transport is ours and not the client's
 * {@code prometheus-metrics-exporter-httpserver}: that exporter runs on the JDK's HttpServer, which
 * has no per-client connection limit, no limit on the size of a request head and no deadline for
 * a whole exchange, and this endpoint must stand hostile clients with all three (issue 15).
 *
 * <p>Whoever can connect is an outsider (DESIGN.md §6), so everything is bounded and counted
 * ({@link MetricsServerStat}, appended to every {@code /metrics} page as
 * {@value #FAMILY}): at most {@value #MAX_CONNECTIONS} connections at once and
 * {@value #MAX_PER_CLIENT} per client address (then 503), a request head of at most
 * {@value #MAX_HEAD} bytes (then 431), {@value #DEADLINE_MILLIS} ms for the whole exchange,
 * reading the request and writing the answer (then the connection is closed), and a page supplier
 * that throws is answered 500, reported with an excerpt of the request, and the server goes on.
 */
public final class MetricsServer implements AutoCloseable {
    /** The Content-Type of the Prometheus text format 0.0.4. */
    public static final String CONTENT_TYPE = Exposition.TEXT;
    /** The family of the server's own counters. */
    public static final String FAMILY = "v6mostly_metrics_http_total";
    /** Connections served at once; more are answered 503. */
    static final int MAX_CONNECTIONS = 8;
    /** Connections one client address may hold at once, so one client cannot take every slot. */
    static final int MAX_PER_CLIENT = 4;
    /** Longest request head (request line and header fields). */
    static final int MAX_HEAD = 8192;
    /** Time for one connection: request in, answer out. */
    static final long DEADLINE_MILLIS = 10_000;
    /** Request body bytes read and discarded after the answer, so the close does not reset the answer. */
    private static final int MAX_DISCARD = 65_536;
    private static final String TEXT = "text/plain; charset=utf-8";

    private final ServerSocket server;
    private final Supplier<MetricSnapshots> snapshots;
    private final Map<String, Supplier<String>> pages;
    private final InputFaults faults;
    private final long deadlineMillis;
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private final Map<InetAddress, Integer> perClient = new ConcurrentHashMap<>();
    private final AtomicLongArray counts = new AtomicLongArray(MetricsServerStat.values().length);
    private final ScheduledExecutorService deadlines;
    private final Thread acceptor;
    private volatile boolean closed;

    private MetricsServer(ServerSocket server, Supplier<MetricSnapshots> snapshots,
            Map<String, Supplier<String>> pages, Consumer<String> report, long deadlineMillis) {
        this.server = server;
        this.snapshots = snapshots;
        this.pages = Map.copyOf(pages);
        this.faults = InputFaults.perMinute("metrics", report);
        this.deadlineMillis = deadlineMillis;
        this.deadlines = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().daemon().name("v6mostly-metrics-deadline").unstarted(r));
        this.acceptor = Thread.ofPlatform().daemon().name("v6mostly-metrics").unstarted(this::acceptLoop);
    }

    /**
     * Binds {@code address} (port 0 picks a free one) and serves the families {@code metrics}
     * gives at each scrape at /metrics, with the server's own {@value #FAMILY}, in the format the
     * request's Accept header asks for (OpenMetrics or text 0.0.4); and the plain-text {@code
     * pages} (path → text). Failures to render are reported through {@code report}.
     *
     * @throws IOException when the address cannot be bound (in use, not local)
     */
    public static MetricsServer start(InetSocketAddress address, Supplier<MetricSnapshots> metrics,
            Map<String, Supplier<String>> pages, Consumer<String> report) throws IOException {
        return start(address, metrics, pages, report, DEADLINE_MILLIS);
    }

    /** With another connection deadline; for tests. */
    static MetricsServer start(InetSocketAddress address, Supplier<MetricSnapshots> metrics,
            Map<String, Supplier<String>> pages, Consumer<String> report, long deadlineMillis) throws IOException {
        Objects.requireNonNull(metrics, "metrics");
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(address, 16);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        MetricsServer s = new MetricsServer(socket, metrics, pages, report, deadlineMillis);
        s.acceptor.start();
        return s;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue; // e.g. EMFILE for a moment: the next accept may work
            }
            InetAddress client = s.getInetAddress();
            if (!take(client)) {
                count(MetricsServerStat.BUSY);
                refuse(s);
                continue;
            }
            Thread.ofVirtual().name("v6mostly-metrics-conn").start(() -> {
                try {
                    serve(s);
                } finally {
                    release(client);
                }
            });
        }
    }

    /** A connection slot, within the client's share; false when none is free. */
    private boolean take(InetAddress client) {
        if (!slots.tryAcquire()) {
            return false;
        }
        boolean[] ok = {false};
        perClient.compute(client, (k, n) -> {
            int held = n == null ? 0 : n;
            ok[0] = held < MAX_PER_CLIENT;
            return ok[0] ? held + 1 : n;
        });
        if (!ok[0]) {
            slots.release();
        }
        return ok[0];
    }

    /** Connections being served now; for tests, which must wait for a finished one to give its slot back. */
    int connectionsInUse() {
        return MAX_CONNECTIONS - slots.availablePermits();
    }

    private void release(InetAddress client) {
        perClient.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
        slots.release();
    }

    /**
     * 503 on a busy server, from the accepting thread: a fresh connection's empty send buffer takes
     * the short answer without blocking.
     */
    private static void refuse(Socket s) {
        try (s) {
            write(s.getOutputStream(), 503, TEXT, "busy: too many connections, retry\n", false,
                    Map.of("Retry-After", "1"));
        } catch (IOException e) {
            // gone already: counted as BUSY
        }
    }

    /**
     * One connection: read the head, answer, close; the deadline closes it under a slow client.
     * Each connection is counted once, under its outcome, as soon as the outcome is known (before
     * the answer is written): a connection whose deadline passes while its answer is written keeps
     * that outcome; one whose deadline passes before its request head is complete is TIMED_OUT.
     */
    private void serve(Socket s) {
        // set by whoever decides first: the head was read (false) or the deadline passed before (true)
        AtomicReference<Boolean> expired = new AtomicReference<>();
        ScheduledFuture<?> timer = deadlines.schedule(() -> {
            if (expired.compareAndSet(null, true)) {
                count(MetricsServerStat.TIMED_OUT); // before the close, so the client sees it counted
            }
            closeQuietly(s);
        }, deadlineMillis, TimeUnit.MILLISECONDS);
        byte[] head = null;
        try (s) {
            head = awaitHead(s, expired);
            if (head != null) {
                respond(s, head);
            }
        } catch (IOException e) {
            // the client went away, or the deadline closed the socket while it was slow to read: counted already
        } catch (RuntimeException | StackOverflowError e) {
            // a request this code did not expect: counted and reported, the connection closed, the server goes on
            count(MetricsServerStat.INTERNAL_ERROR);
            byte[] shown = head == null ? new byte[0] : head;
            faults.record(e, shown, 0, shown.length, System.nanoTime());
        } finally {
            timer.cancel(false);
        }
    }

    /**
     * The request head, or null when the connection is done without an answer, counted: it ended or
     * was reset before its head did (BAD_REQUEST), or the deadline passed first (TIMED_OUT).
     */
    private byte[] awaitHead(Socket s, AtomicReference<Boolean> expired) throws IOException {
        byte[] head;
        try {
            head = readHead(s.getInputStream());
        } catch (IOException e) {
            if (expired.compareAndSet(null, false)) {
                count(MetricsServerStat.BAD_REQUEST); // reset by the client
            }
            return null;
        }
        if (!expired.compareAndSet(null, false)) {
            return null; // the deadline passed as the head came in: counted and closed
        }
        if (head == null) {
            count(MetricsServerStat.BAD_REQUEST); // ended before its request head did
        }
        return head;
    }

    /**
     * Answers a complete head, then closes gracefully: what may follow the head (a body) is drained,
     * since a close with unread bytes resets the connection and could lose the answer.
     */
    private void respond(Socket s, byte[] head) throws IOException {
        OutputStream out = s.getOutputStream();
        long rest = MAX_DISCARD;
        if (head.length > MAX_HEAD) {
            count(MetricsServerStat.REQUEST_TOO_LARGE);
            write(out, 431, TEXT, "request head longer than " + MAX_HEAD + " bytes\n", false, Map.of());
        } else if (Request.parse(head) instanceof Request r) {
            answer(r, head, out);
            rest = r.contentLength();
        } else {
            count(MetricsServerStat.BAD_REQUEST);
            write(out, 400, TEXT, "bad request\n", false, Map.of());
        }
        s.shutdownOutput();
        discard(s.getInputStream(), rest);
    }

    /** Answers {@code r}, counting the outcome before writing. */
    private void answer(Request r, byte[] head, OutputStream out) throws IOException {
        boolean headOnly = r.method().equals("HEAD");
        Supplier<String> page = pages.get(r.path());
        boolean metrics = page == null && r.path().equals("/metrics");
        if (page == null && !metrics) {
            count(MetricsServerStat.NOT_FOUND);
            write(out, 404, TEXT, "not found; the metrics are at /metrics\n", headOnly, Map.of());
            return;
        }
        if (!r.method().equals("GET") && !headOnly) {
            count(MetricsServerStat.METHOD_NOT_ALLOWED);
            write(out, 405, TEXT, "use GET\n", false, Map.of("Allow", "GET, HEAD"));
            return;
        }
        byte[] bytes;
        String type;
        try {
            if (!metrics) {
                bytes = page.get().getBytes(StandardCharsets.UTF_8);
                type = TEXT;
            } else {
                ExpositionFormatWriter writer = Exposition.writer(r.accept());
                bytes = Exposition.bytes(writer, Exposition.concat(snapshots.get(), own()));
                type = writer.getContentType();
            }
        } catch (RuntimeException | StackOverflowError e) {
            count(MetricsServerStat.INTERNAL_ERROR);
            faults.record(e, head, 0, head.length, System.nanoTime());
            write(out, 500, TEXT, "internal error: the page could not be rendered (see the log)\n", headOnly, Map.of());
            return;
        }
        count(MetricsServerStat.SERVED);
        write(out, 200, type, bytes, headOnly, Map.of());
    }

    /** The server's own counters, as the family {@value #FAMILY}. */
    MetricSnapshots own() {
        return MetricSnapshots.of(Exposition.counters(FAMILY,
                "connections to the metrics endpoint by outcome (docs/configuration.md, [metrics])", "outcome",
                MetricsServerStat.class, counters()));
    }

    /** The counters by outcome. */
    public Map<MetricsServerStat, Long> counters() {
        Map<MetricsServerStat, Long> out = new EnumMap<>(MetricsServerStat.class);
        for (MetricsServerStat s : MetricsServerStat.values()) {
            out.put(s, counts.get(s.ordinal()));
        }
        return out;
    }

    private void count(MetricsServerStat s) {
        counts.incrementAndGet(s.ordinal());
    }

    /**
     * The request head up to and with its empty line; null when the connection ended before it; a
     * longer array than {@link #MAX_HEAD} when the head is too long (reading stops there).
     */
    static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int last = -1;
        int beforeLast = -1;
        int third = -1;
        while (head.size() <= MAX_HEAD) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            // CRLF CRLF, or the bare LF LF RFC 9112 §2.2 allows a recipient to accept
            if (b == '\n' && (last == '\n' || last == '\r' && beforeLast == '\n' && third == '\r'
                    || last == '\r' && beforeLast == '\n')) {
                return head.toByteArray();
            }
            third = beforeLast;
            beforeLast = last;
            last = b;
        }
        return head.toByteArray();
    }

    /** Reads and drops up to {@link #MAX_DISCARD} bytes of a request body until EOF (bounded by the deadline). */
    private static void discard(InputStream in, long contentLength) throws IOException {
        long left = Math.min(MAX_DISCARD, Math.max(contentLength, 0));
        byte[] sink = new byte[1024];
        while (left > 0) {
            int n = in.read(sink, 0, (int) Math.min(sink.length, left));
            if (n < 0) {
                return;
            }
            left -= n;
        }
    }

    private static void write(OutputStream out, int status, String type, String text, boolean headOnly,
            Map<String, String> extra) throws IOException {
        write(out, status, type, text.getBytes(StandardCharsets.UTF_8), headOnly, extra);
    }

    private static void write(OutputStream out, int status, String type, byte[] bytes, boolean headOnly,
            Map<String, String> extra) throws IOException {
        StringBuilder h = new StringBuilder(160).append("HTTP/1.1 ").append(status).append(' ').append(reason(status))
                .append("\r\nContent-Type: ").append(type).append("\r\nContent-Length: ").append(bytes.length)
                .append("\r\nConnection: close\r\n");
        extra.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
        out.write(h.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        if (!headOnly) {
            out.write(bytes);
        }
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "";
        };
    }

    /**
     * The parts of a request head the server uses (RFC 9112 §3: {@code method SP request-target SP
     * HTTP-version}, origin-form targets only; §6.3 for the body length; RFC 9110 §12.5.1 for
     * {@code Accept}, several fields joined by commas, null when there was none). The whole head
     * is at most {@link #MAX_HEAD} bytes, so is each of these.
     */
    record Request(String method, String path, long contentLength, String accept) {
        /** The request in {@code head}, or null when its request line is not HTTP/1.x in origin form. */
        static Request parse(byte[] head) {
            String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r?\n", -1);
            String[] parts = lines[0].split(" ", -1);
            if (parts.length != 3 || parts[0].isEmpty() || !parts[0].chars().allMatch(c -> c >= 'A' && c <= 'Z')
                    || !parts[1].startsWith("/") || !(parts[2].equals("HTTP/1.1") || parts[2].equals("HTTP/1.0"))) {
                return null;
            }
            int query = parts[1].indexOf('?');
            String path = query < 0 ? parts[1] : parts[1].substring(0, query);
            long length = 0;
            String accept = null;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = lines[i].substring(0, colon).trim();
                String value = lines[i].substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = value.matches("[0-9]{1,18}") ? Long.parseLong(value) : MAX_DISCARD;
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    length = MAX_DISCARD; // a chunked body: drain what comes, up to the limit
                } else if (name.equalsIgnoreCase("Accept")) {
                    accept = accept == null ? value : accept + ", " + value;
                }
            }
            return new Request(parts[0], path, length, accept);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing on the deadline: nothing left to do
        }
    }

    /** The bound address (with the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** Stops serving at once. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing: nothing left to do
        }
        deadlines.shutdownNow();
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
