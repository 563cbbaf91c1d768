package net.v6mostly.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

/** The endpoint: /metrics with the Prometheus content type, 404 elsewhere, 405 for POST. */
class MetricsServerTest {

    @Test
    void servesMetricsOnLoopback() throws Exception {
        try (MetricsServer server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                () -> "v6mostly_siit_up 1\n");
                HttpClient client = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + server.address().getPort();
            HttpResponse<String> ok = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("v6mostly_siit_up 1\n");
            assertThat(ok.headers().firstValue("Content-Type")).contains(MetricsServer.CONTENT_TYPE);
            assertThat(MetricsScrape.fetch(URI.create(base + "/metrics"), java.time.Duration.ofSeconds(2)))
                    .isEqualTo("v6mostly_siit_up 1\n");

            HttpResponse<String> elsewhere = client.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(elsewhere.statusCode()).isEqualTo(404);
            HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }
}
