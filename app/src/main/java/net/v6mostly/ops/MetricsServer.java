package net.v6mostly.ops;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The metrics endpoint: a small HTTP server (the JDK's {@code com.sun.net.httpserver}) serving
 * {@code GET /metrics} in the Prometheus text format from one thread. Bound to loopback by default
 * ({@code [metrics] listen}); it has no authentication, so bind it only where scrapers are trusted.
 */
public final class MetricsServer implements AutoCloseable {
    /** The Content-Type of the Prometheus text format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds {@code address} (port 0 picks a free one) and serves {@code body} at /metrics.
     *
     * @throws IOException when the address cannot be bound (in use, not local)
     */
    public static MetricsServer start(InetSocketAddress address, Supplier<String> body) throws IOException {
        return start(address, body, java.util.Map.of());
    }

    /**
     * Like {@link #start(InetSocketAddress, Supplier)}, also serving plain-text {@code pages} (path →
     * text), e.g. the NAT64's {@code /nat64/bib} that {@code v6mostly nat64 bib} reads.
     */
    public static MetricsServer start(InetSocketAddress address, Supplier<String> body,
            java.util.Map<String, Supplier<String>> pages) throws IOException {
        HttpServer server = HttpServer.create(address, 16);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "v6mostly-metrics");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(exchange, body, pages));
        server.start();
        return new MetricsServer(server, executor);
    }

    private static void handle(HttpExchange exchange, Supplier<String> body, java.util.Map<String, Supplier<String>> pages)
            throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Supplier<String> page = pages.get(path);
            if (page != null && (method.equals("GET") || method.equals("HEAD"))) {
                reply(exchange, 200, "text/plain; charset=utf-8", page.get(), method);
            } else if (!path.equals("/metrics")) {
                reply(exchange, 404, "text/plain; charset=utf-8", "not found; the metrics are at /metrics\n", method);
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                reply(exchange, 405, "text/plain; charset=utf-8", "use GET\n", method);
            } else {
                reply(exchange, 200, CONTENT_TYPE, body.get(), method);
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String type, String text, String method)
            throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        if (method.equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The bound address (with the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops serving at once. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
