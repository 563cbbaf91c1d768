package net.v6mostly.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.junit.jupiter.api.Test;

/**
 * The endpoint negotiates the format from the request's Accept header (RFC 9110 §12.5.1):
 * OpenMetrics 1.0 when the scraper asks for {@code application/openmetrics-text}, ending in
 * {@code # EOF} (OpenMetrics §"Overall structure"), the text format 0.0.4 otherwise; label values
 * with a quote, a backslash and a line feed (a DHCP subnet name may hold them) are escaped so
 * that they read back as written; and {@code promtool check metrics} accepts both formats.
 */
class MetricsFormatTest {
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0";
    private final List<String> reports = new CopyOnWriteArrayList<>();

    private static MetricSnapshots families() {
        return Exposition.concat(Dhcp4Metrics.snapshots(GoldenSamples.dhcp4()),
                Dhcp4Metrics.share(GoldenSamples.adoption(), false), SiitMetrics.snapshots(GoldenSamples.siit()));
    }

    @Test
    void openMetricsWhenAskedForTextOtherwise() throws Exception {
        try (MetricsServer server = MetricsServer.start(LOOPBACK, MetricsFormatTest::families, Map.of(), reports::add)) {
            String om = exchange(server, "GET /metrics HTTP/1.1\r\nHost: x\r\nAccept: " + OPENMETRICS + "\r\n\r\n");
            assertThat(om).startsWith("HTTP/1.1 200 OK\r\n")
                    .contains("\r\nContent-Type: application/openmetrics-text; version=1.0.0; charset=utf-8\r\n")
                    .contains("# TYPE v6mostly_dhcp4_messages counter\n").endsWith("# EOF\n");
            // what Prometheus sends by default: OpenMetrics preferred, text 0.0.4 accepted
            String prometheus = exchange(server, "GET /metrics HTTP/1.1\r\nAccept: application/openmetrics-text;"
                    + "version=1.0.0;q=0.5,application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=0.0.4;"
                    + "q=0.3,*/*;q=0.2\r\n\r\n");
            assertThat(prometheus).contains("Content-Type: application/openmetrics-text; version=1.0.0");
            for (String accept : List.of("", "Accept: text/plain;version=0.0.4\r\n", "Accept: */*\r\n",
                    "Accept: application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited\r\n")) {
                String text = exchange(server, "GET /metrics HTTP/1.1\r\n" + accept + "\r\n");
                assertThat(text).as(accept).startsWith("HTTP/1.1 200 OK\r\n")
                        .contains("\r\nContent-Type: " + Exposition.TEXT + "\r\n")
                        .contains("# TYPE v6mostly_dhcp4_messages_total counter\n").doesNotContain("# EOF");
                assertThat(Scrape.parse(body(text)).value(MetricsServer.FAMILY, "outcome", "SERVED")).isPositive();
            }
            assertThat(reports).isEmpty();
        }
    }

    @Test
    void labelValuesWithQuoteBackslashAndLineFeedReadBackAsWritten() {
        String subnet = "lab \"a\"\\b\nc";
        for (String text : List.of(Exposition.text(families()), Exposition.openMetrics(families()))) {
            assertThat(text).contains("subnet=\"lab \\\"a\\\"\\\\b\\nc\"");
            Scrape s = Scrape.parse(text);
            assertThat(s.errors()).isEmpty();
            assertThat(s.value(Dhcp4Metrics.CLIENTS, "subnet", subnet, "kind", "ipv4_leased")).isEqualTo(2);
            assertThat(s.value(Dhcp4Metrics.SHARE, "subnet", subnet)).isEqualTo(0);
            assertThat(s.value(Dhcp4Metrics.SHARE, "subnet", "campus")).isEqualTo(0.75);
        }
    }

    @Test
    void aFamilyGivenTwiceIsRefusedNotWrittenTwice() {
        MetricSnapshots siit = SiitMetrics.snapshots(GoldenSamples.siit());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Exposition.concat(siit, siit))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("given twice");
    }

    @Test
    void promtoolAcceptsBothFormats(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path promtool = Stream.of("/usr/bin/promtool", "/usr/local/bin/promtool").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(promtool != null, "promtool is not installed (Debian package prometheus): format check skipped");
        assertThat(promtool(promtool, dir, Exposition.text(families()))).as("promtool on text 0.0.4").isEmpty();
        // promtool check metrics reads the text format 0.0.4 only (Prometheus 2.42, Debian 12): fed
        // OpenMetrics it parses every line and takes a counter family x and its samples x_total for two
        // families, the second without HELP; that is the only thing it may say
        String om = promtool(promtool, dir, Exposition.openMetrics(families()));
        assertThat(om.lines()).as("promtool on OpenMetrics").containsExactlyInAnyOrder(
                "v6mostly_dhcp4_messages_total no help text", "v6mostly_siit_datapath_total no help text",
                "v6mostly_siit_packets_total no help text");
    }

    /** What {@code promtool check metrics} says about {@code text}; asserts it ended. */
    private static String promtool(Path promtool, Path dir, String text) throws Exception {
        Path out = dir.resolve("promtool.out");
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("promtool ends").isTrue();
        return Files.readString(out);
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    private static String exchange(MetricsServer server, String request) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
