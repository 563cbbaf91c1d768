package net.v6mostly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.v6mostly.dhcp4.Adoption;
import net.v6mostly.dhcp4.Dhcp4Stat;
import net.v6mostly.ops.Dhcp4Metrics;
import net.v6mostly.ops.Exposition;
import net.v6mostly.ops.MetricsServer;
import net.v6mostly.ops.Scrape;

/** {@code v6mostly dhcp4 stats} against a metrics endpoint serving what a running server would. */
class Dhcp4StatsCommandTest {
    private static final String SUBNET = """
            [[dhcp4.subnet]]
            prefix = "192.0.2.0/24"
            interface = "eth0"
            server-id = "192.0.2.1"
            pools = [{ range = "192.0.2.100-192.0.2.150" }]
            """;

    @Test
    void statsPrintsCountersAndAdoption() throws Exception {
        MetricSnapshots families = Dhcp4Metrics.snapshots(new Dhcp4Metrics.Sample(
                Map.of(Dhcp4Stat.OFFER_V6ONLY, 3L, Dhcp4Stat.ACK_SELECTING, 1L),
                List.of(new Adoption("lab \"a\"", 3, 1, 0)), 1, 7000));
        String text = Exposition.text(families);
        assertThat(text).contains("# TYPE v6mostly_dhcp4_messages_total counter");
        assertThat(Scrape.parse(text).canonical()).contains(
                "v6mostly_dhcp4_messages_total{drop=\"false\",event=\"OFFER_V6ONLY\"} 3",
                "v6mostly_dhcp4_adoption_clients{kind=\"ipv6_only\",subnet=\"lab \\\"a\\\"\"} 3");
        try (MetricsServer server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                () -> families, Map.of(), report -> { })) {
            String url = "http://127.0.0.1:" + server.address().getPort();
            RepoFiles.Run run = RepoFiles.cli("dhcp4", "stats", "--metrics", url);
            assertThat(run.status()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("v6mostly dhcp4 at " + url + "/metrics: up, uptime 7s, 1 active lease(s)\n")
                    .contains("  ACK_SELECTING  1        " + Dhcp4Stat.ACK_SELECTING.explanation() + "\n",
                            "  OFFER_V6ONLY   3        " + Dhcp4Stat.OFFER_V6ONLY.explanation() + "\n",
                            "adoption (RFC 8925 option 108)\n  lab \"a\": 3 IPv6-only, 1 IPv4 leases (0 of them dual-stack), 75% IPv6-only\n")
                    .doesNotContain("ACK_RENEWING");
            assertThat(RepoFiles.cli("dhcp4", "stats", "--all", "--metrics", url).out()).contains("  ACK_RENEWING ");
        }
    }

    @Test
    void statsTakesTheAddressFromTheConfig(@TempDir Path dir) throws Exception {
        int port = freePort();
        Path config = Files.writeString(dir.resolve("d.toml"), "[metrics]\nlisten = \"127.0.0.1:" + port + "\"\n[dhcp4]\n" + SUBNET);
        RepoFiles.Run down = RepoFiles.cli("dhcp4", "stats", "-c", config.toString());
        assertThat(down.status()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(down.err()).startsWith("stats: cannot reach v6mostly dhcp4 at http://127.0.0.1:" + port + "/metrics");

        Path off = Files.writeString(dir.resolve("off.toml"), "[metrics]\nlisten = \"off\"\n[dhcp4]\n" + SUBNET);
        RepoFiles.Run none = RepoFiles.cli("dhcp4", "stats", "-c", off.toString());
        assertThat(none.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(none.err()).contains("turns the metrics endpoint off");
    }

    @Test
    void dhcp4WithoutConfigOrSubcommandIsAUsageError() {
        RepoFiles.Run run = RepoFiles.cli("dhcp4");
        assertThat(run.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(run.err()).contains("Missing required option: '--config=FILE'");
        assertThat(RepoFiles.cli("dhcp4", "--help").out()).contains("stats");
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
