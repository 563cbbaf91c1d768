package net.v6mostly.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.junit.jupiter.api.Test;

/**
 * The endpoint: /metrics with the Prometheus content type, 404 elsewhere, 405 for POST; and under
 * hostile clients (DESIGN.md §6) every connection is answered or closed and counted once: a bad
 * request line 400 (RFC 9112 §3), an over-long head 431 (RFC 6585 §5), a page that throws 500 with
 * a report, a stalled client closed at the deadline, more connections than the limits 503 (RFC
 * 9110 §15.6.4); the server goes on serving.
 */
class MetricsServerTest {
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private final List<String> reports = new CopyOnWriteArrayList<>();

    /** One gauge {@code name} at 1. */
    private static MetricSnapshots family(String name) {
        return MetricSnapshots.of(Exposition.gauge(name, "a test gauge", 1));
    }

    @Test
    void servesMetricsOnLoopback() throws Exception {
        try (MetricsServer server = MetricsServer.start(LOOPBACK, () -> family("v6mostly_siit_up"), Map.of(),
                reports::add);
                HttpClient client = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + server.address().getPort();
            HttpResponse<String> ok = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(Scrape.parse(ok.body()).value("v6mostly_siit_up")).isEqualTo(1);
            assertThat(Scrape.parse(ok.body()).value(MetricsServer.FAMILY, "outcome", "SERVED", "drop", "false"))
                    .isEqualTo(0);
            assertThat(ok.headers().firstValue("Content-Type")).contains(MetricsServer.CONTENT_TYPE);
            String again = Scrape.fetch(URI.create(base + "/metrics"), java.time.Duration.ofSeconds(2));
            assertThat(Scrape.parse(again).value("v6mostly_siit_up")).isEqualTo(1);
            assertThat(Scrape.parse(again).value(MetricsServer.FAMILY, "outcome", "SERVED")).isEqualTo(1);

            HttpResponse<String> elsewhere = client.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(elsewhere.statusCode()).isEqualTo(404);
            HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
            HttpResponse<Void> head = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(server.counters()).containsEntry(MetricsServerStat.SERVED, 3L)
                    .containsEntry(MetricsServerStat.NOT_FOUND, 1L).containsEntry(MetricsServerStat.METHOD_NOT_ALLOWED, 1L);
        }
    }

    @Test
    void aPageThatThrowsIsAnswered500AndReportedAndTheServerGoesOn() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Supplier<String> flaky = () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("table changed under the renderer");
            }
            return "page\n";
        };
        try (MetricsServer server = MetricsServer.start(LOOPBACK, () -> family("m"), Map.of("/nat64/bib", flaky),
                reports::add)) {
            String first = exchange(server, "GET /nat64/bib HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(first).startsWith("HTTP/1.1 500 Internal Server Error\r\n").contains("Connection: close\r\n");
            assertThat(exchange(server, "GET /nat64/bib HTTP/1.1\r\nHost: x\r\n\r\n"))
                    .startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\npage\n");
            assertThat(Scrape.parse(exchange(server, "GET /metrics HTTP/1.1\r\n\r\n"))
                    .value(MetricsServer.FAMILY, "outcome", "INTERNAL_ERROR", "drop", "true")).isEqualTo(1);
            assertThat(server.counters()).containsEntry(MetricsServerStat.INTERNAL_ERROR, 1L)
                    .containsEntry(MetricsServerStat.SERVED, 2L);
            assertThat(reports).singleElement().asString()
                    .startsWith("metrics: input dropped after an unexpected IllegalStateException (table changed under"
                            + " the renderer)")
                    .contains("474554202f6e617436342f626962"); // "GET /nat64/bib" in the hex excerpt
        }
    }

    @Test
    void malformedAndOverlongRequestsAreAnsweredAndCounted() throws Exception {
        try (MetricsServer server = MetricsServer.start(LOOPBACK, () -> family("m"), Map.of(), reports::add)) {
            assertThat(exchange(server, "GARBAGE\r\n\r\n")).startsWith("HTTP/1.1 400 Bad Request\r\n");
            assertThat(exchange(server, "GET metrics HTTP/1.1\r\n\r\n")).as("not origin-form")
                    .startsWith("HTTP/1.1 400 ");
            assertThat(exchange(server, "GET /metrics HTTP/2.0\r\n\r\n")).startsWith("HTTP/1.1 400 ");
            assertThat(exchange(server, "\u0000\u00ff\r\n\r\n")).startsWith("HTTP/1.1 400 ");
            assertThat(exchange(server, "\n\n")).as("an empty request line (a fuzzing finding)")
                    .startsWith("HTTP/1.1 400 ");
            assertThat(exchange(server, "GET /metrics HTTP/1.1\r\nX: " + "a".repeat(MetricsServer.MAX_HEAD) + "\r\n\r\n"))
                    .startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n");
            assertThat(exchange(server, "GET /metrics")).as("ended before its head: closed without an answer")
                    .isEmpty();
            assertThat(exchange(server, "GET /metrics?x=1 HTTP/1.0\n\n")).as("bare LF and a query still work")
                    .startsWith("HTTP/1.1 200 OK\r\n");
            assertThat(server.counters()).containsEntry(MetricsServerStat.BAD_REQUEST, 6L)
                    .containsEntry(MetricsServerStat.REQUEST_TOO_LARGE, 1L).containsEntry(MetricsServerStat.SERVED, 1L);
            assertThat(reports).isEmpty();
        }
    }

    @Test
    void aStalledClientIsClosedAtTheDeadlineWhileOthersAreServed() throws Exception {
        try (MetricsServer server = MetricsServer.start(LOOPBACK, () -> family("m"), Map.of(), reports::add, 500);
                Socket slow = connect(server, null)) {
            slow.getOutputStream().write("GET /met".getBytes(StandardCharsets.US_ASCII));
            assertThat(exchange(server, "GET /metrics HTTP/1.1\r\n\r\n")).as("served meanwhile")
                    .startsWith("HTTP/1.1 200 OK\r\n");
            slow.setSoTimeout(10_000); // bounds the test, far above the 0.5 s deadline
            assertThat(slow.getInputStream().read()).as("closed by the server, nothing answered").isEqualTo(-1);
            assertThat(server.counters()).containsEntry(MetricsServerStat.TIMED_OUT, 1L);
        }
    }

    @Test
    void oneClientGetsItsShareAndTheServerItsLimitThen503() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (MetricsServer server = MetricsServer.start(LOOPBACK, () -> family("m"), Map.of(), reports::add, 60_000)) {
            InetAddress one = InetAddress.getByName("127.0.0.2");
            for (int i = 0; i < MetricsServer.MAX_PER_CLIENT; i++) {
                held.add(connect(server, one));
            }
            // served in accept order: the slots above are taken before the next accept
            assertThat(exchange(server, one, "GET /metrics HTTP/1.1\r\n\r\n")).as("beyond one client's share")
                    .startsWith("HTTP/1.1 503 Service Unavailable\r\n").contains("Retry-After: 1\r\n");
            InetAddress other = InetAddress.getByName("127.0.0.3");
            assertThat(exchange(server, other, "GET /metrics HTTP/1.1\r\n\r\n")).as("another client is served")
                    .startsWith("HTTP/1.1 200 OK\r\n");
            // the served connection gives its slot back on its own thread after the answer: wait (bounded)
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (server.connectionsInUse() > MetricsServer.MAX_PER_CLIENT && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            for (int i = 0; i < MetricsServer.MAX_CONNECTIONS - MetricsServer.MAX_PER_CLIENT; i++) {
                held.add(connect(server, InetAddress.getByName("127.0.0." + (10 + i))));
            }
            assertThat(exchange(server, other, "GET /metrics HTTP/1.1\r\n\r\n")).as("every slot taken")
                    .startsWith("HTTP/1.1 503 ");
            assertThat(server.counters()).containsEntry(MetricsServerStat.BUSY, 2L)
                    .containsEntry(MetricsServerStat.SERVED, 1L);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    private static Socket connect(MetricsServer server, InetAddress from) throws IOException {
        Socket s = new Socket();
        if (from != null) {
            s.bind(new InetSocketAddress(from, 0));
        }
        s.connect(server.address(), 5000);
        return s;
    }

    private static String exchange(MetricsServer server, String request) throws IOException {
        return exchange(server, null, request);
    }

    /** Sends {@code request} (ISO-8859-1), half-closes, reads the whole answer (at most 10 s). */
    private static String exchange(MetricsServer server, InetAddress from, String request) throws IOException {
        try (Socket s = connect(server, from)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
