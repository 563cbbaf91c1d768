package net.v6mostly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.v6mostly.ops.ClatMetrics;
import net.v6mostly.ops.MetricsServer;
import net.v6mostly.xlat.XlatStat;
import net.v6mostly.xlat.rfc6877.ClatStat;

/** {@code v6mostly clat} usage errors, and {@code clat status} against an endpoint serving what the daemon would. */
class ClatCommandTest {
    @Test
    void needsExactlyOneOfConfigAndInterface() {
        RepoFiles.Run none = RepoFiles.cli("clat");
        assertThat(none.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(none.err()).contains("give either --config=FILE or --interface=IF");
        assertThat(RepoFiles.cli("clat", "-c", "x.toml", "-i", "eth0").status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(RepoFiles.cli("clat", "--help").out()).contains("status", "RFC 8781", "claton");
    }

    @Test
    void aBadFileIsAUsageErrorNamingTheLine(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("c.toml"), "[clat]\ninterface = \"eth0\"\nmode = \"maybe\"\n");
        RepoFiles.Run run = RepoFiles.cli("clat", "-c", f.toString());
        assertThat(run.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(run.err()).contains("c.toml:3", "mode");
    }

    @Test
    void statusReadsTheDaemonsEndpoint(@TempDir Path dir) throws Exception {
        MetricSnapshots families = ClatMetrics.snapshots(new ClatMetrics.Sample(Map.of("state", "on", "reason", "on", "prefix",
                "64:ff9b::/96", "source", "rfc7050"), true, Map.of(ClatStat.RFC7050_PREFIX, 1L),
                Map.of(XlatStat.TRANSLATED_64, 5L), Map.of(), 3000));
        try (MetricsServer server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                () -> families, Map.of(), report -> { })) {
            int port = server.address().getPort();
            RepoFiles.Run run = RepoFiles.cli("clat", "status", "--metrics", "127.0.0.1:" + port);
            assertThat(run.status()).as(run.err()).isZero();
            assertThat(run.out()).contains("pref64      64:ff9b::/96 from rfc7050", "RFC7050_PREFIX", "TRANSLATED_64");
            Path f = Files.writeString(dir.resolve("c.toml"), "[clat]\ninterface = \"eth0\"\n[metrics]\nlisten = \"127.0.0.1:"
                    + port + "\"\n");
            assertThat(RepoFiles.cli("clat", "status", "-c", f.toString()).out()).contains("state       on (on)");
        }
        RepoFiles.Run down = RepoFiles.cli("clat", "status", "--metrics", "127.0.0.1:1");
        assertThat(down.status()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(down.err()).contains("cannot reach v6mostly clat");
    }
}
