package net.v6mostly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.v6mostly.ops.MetricsServer;
import net.v6mostly.ops.SiitMetrics;
import net.v6mostly.xlat.XlatStat;

/** {@code v6mostly siit} and {@code siit stats} from the command line, without a TUN device. */
class SiitCommandTest {

    @Test
    void helpListsStatsAndSignals() {
        RepoFiles.Run run = RepoFiles.cli("siit", "--help");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("Usage: v6mostly siit", "stats", "SIGHUP", "0   stopped by SIGTERM or SIGINT");
        assertThat(RepoFiles.cli("--help").out()).contains("siit");
    }

    @Test
    void missingConfigIsAUsageError() {
        RepoFiles.Run run = RepoFiles.cli("siit");
        assertThat(run.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(run.err()).contains("Missing required option: '--config=FILE'");
    }

    @Test
    void badConfigExitsWith2NamingFileLineAndKey(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("siit.toml"),
                "[siit]\npool6 = \"2001:db8:64::/96\"\n[siit.tun]\nqueues = 2\n");
        RepoFiles.Run run = RepoFiles.cli("siit", "-c", config.toString());
        assertThat(run.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(run.err().strip()).isEqualTo(config + ":4: [siit.tun] queues: 2 queues need multi-queue = true"
                + " (IFF_MULTI_QUEUE: one file descriptor per queue)");
    }

    @Test
    void statsPrintsTheNonZeroCounters() throws Exception {
        MetricSnapshots families = SiitMetrics.snapshots(new SiitMetrics.Sample(Map.of(XlatStat.TRANSLATED_46, 4L), Map.of(), true, 5000));
        try (MetricsServer server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                () -> families, Map.of(), report -> { })) {
            String url = "http://127.0.0.1:" + server.address().getPort();
            RepoFiles.Run run = RepoFiles.cli("siit", "stats", "--metrics", url);
            assertThat(run.status()).as(run.err()).isZero();
            assertThat(run.out()).isEqualTo("v6mostly siit at " + url + "/metrics: up, uptime 5s\n"
                    + "translator exits (v6mostly_siit_packets_total)\n"
                    + "  TRANSLATED_46  4        IPv4 packet translated to IPv6 (RFC 7915 §4)\n"
                    + "data path (v6mostly_siit_datapath_total)\n"
                    + "  (all zero; --all lists them)\n");
            assertThat(RepoFiles.cli("siit", "stats", "--all", "--metrics", url + "/metrics").out())
                    .contains("  PACKETS_READ ", "  TRANSLATED_64 ");
        }
    }

    @Test
    void statsFindsTheAddressInTheConfig(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path config = Files.writeString(dir.resolve("siit.toml"),
                "[siit]\npool6 = \"2001:db8:64::/96\"\n[metrics]\nlisten = \"127.0.0.1:" + port + "\"\n");
        RepoFiles.Run down = RepoFiles.cli("siit", "stats", "-c", config.toString());
        assertThat(down.status()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(down.err()).startsWith("stats: cannot reach v6mostly siit at http://127.0.0.1:" + port
                + "/metrics: connection refused").contains("is the daemon running");

        Path off = Files.writeString(dir.resolve("off.toml"), "[siit]\npool6 = \"2001:db8:64::/96\"\n[metrics]\nlisten = \"off\"\n");
        RepoFiles.Run none = RepoFiles.cli("siit", "stats", "-c", off.toString());
        assertThat(none.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(none.err()).contains("turns the metrics endpoint off");
    }

    @Test
    void statsRefusesANonHttpUrl() {
        RepoFiles.Run run = RepoFiles.cli("siit", "stats", "--metrics", "ftp://127.0.0.1:9464");
        assertThat(run.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(run.err()).contains("--metrics needs an http URL");
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
