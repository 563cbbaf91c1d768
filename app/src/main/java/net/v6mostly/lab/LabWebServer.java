package net.v6mostly.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * A web server of the lab's internet (or the printer): answers every GET with a fixed body that
 * names the server, and the client address it saw in a header ({@code X-Seen-From}), so a check
 * can tell which server it reached and whether NAT64 translated the source.
 */
public final class LabWebServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    public LabWebServer(String address, int port, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), port), 64);
        byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
                exchange.getResponseHeaders().add("X-Seen-From", exchange.getRemoteAddress().getAddress().getHostAddress());
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
