package net.v6mostly.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.v6mostly.ops.MappingLogWriter;
import net.v6mostly.ops.MetricsEndpoint;
import net.v6mostly.ops.MetricsServer;
import net.v6mostly.ops.Nat64Metrics;
import net.v6mostly.ops.Scrape;
import net.v6mostly.xlat.rfc6146.AsyncMappingLog;
import net.v6mostly.xlat.rfc6146.MappingEvent;
import net.v6mostly.xlat.rfc6146.Nat64Exit;
import net.v6mostly.xlat.rfc6146.Nat64Stat;
import net.v6mostly.xlat.rfc6146.Protocol;

/** {@code v6mostly nat64}, its subcommands, its metrics and its mapping-log writer, without a TUN device. */
class Nat64CommandTest {

    @Test
    void helpListsTheSubcommandsAndSignals() {
        RepoFiles.Run run = RepoFiles.cli("nat64", "--help");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("Usage: v6mostly nat64", "bib", "sessions", "stats", "SIGHUP",
                "0   stopped by SIGTERM or SIGINT");
        assertThat(RepoFiles.cli("--help").out()).contains("nat64");
    }

    @Test
    void missingOrBadConfigIsAUsageError(@TempDir Path dir) throws Exception {
        RepoFiles.Run run = RepoFiles.cli("nat64");
        assertThat(run.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(run.err()).contains("Missing required option: '--config=FILE'");
        Path config = Files.writeString(dir.resolve("nat64.toml"),
                "[nat64]\npool6 = \"64:ff9b::/96\"\npool4 = [\"203.0.113.1\"]\nudp-timeout = 30\n");
        run = RepoFiles.cli("nat64", "-c", config.toString());
        assertThat(run.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(run.err()).startsWith(config + ":4: [nat64] udp-timeout: ").contains("RFC 4787 REQ-5");
    }

    @Test
    void pagesComeFromTheRunningDaemonsEndpoint() throws Exception {
        Nat64Metrics.Sample sample = new Nat64Metrics.Sample(true, 65_000, Map.of(Nat64Exit.TRANSLATED_64, 7L),
                Map.of(Nat64Stat.POOL4_EXHAUSTED_64, 2L), Map.of(), Map.of(), Map.of(Protocol.UDP, 3L),
                Map.of(Protocol.UDP, 4L), Map.of(Protocol.UDP, 3L), Map.of(Protocol.UDP, 64512L), 1, 1, 0,
                Nat64Metrics.LogStatus.OFF);
        try (MetricsServer server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                () -> Nat64Metrics.snapshots(sample), Map.of("/nat64/stats", () -> Nat64Metrics.table(sample, false),
                        "/nat64/bib", () -> "proto  ipv6#port  ipv4#port  kind  sessions\n"), report -> { })) {
            String url = "http://127.0.0.1:" + server.address().getPort();
            RepoFiles.Run stats = RepoFiles.cli("nat64", "stats", "--metrics", url);
            assertThat(stats.status()).as(stats.err()).isZero();
            assertThat(stats.out()).contains("v6mostly nat64: up, uptime 1m 05s",
                    "udp          3 BIB entries         4 sessions  pool4 3/64512 ports used",
                    "TRANSLATED_64", "IPv6 packet translated to IPv4 with its session's transport address",
                    "POOL4_EXHAUSTED_64", "drop");
            assertThat(RepoFiles.cli("nat64", "bib", "--metrics", url).out()).startsWith("proto  ipv6#port");
            String metrics = MetricsEndpoint.fetch(java.net.URI.create(url + "/metrics"), 3, "x", "y",
                    new java.io.PrintWriter(System.err));
            assertThat(Scrape.parse(metrics).canonical()).contains("v6mostly_nat64_up 1", "v6mostly_nat64_sessions{proto=\"udp\"} 4",
                    "v6mostly_nat64_packets_total{drop=\"false\",exit=\"TRANSLATED_64\"} 7",
                    "v6mostly_nat64_state_total{drop=\"true\",outcome=\"POOL4_EXHAUSTED_64\"} 2");
        }
    }

    @Test
    void pagesTakeTheEndpointFromAGatewayFileToo(@TempDir Path dir) throws Exception {
        try (MetricsServer server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                MetricSnapshots::of, Map.of("/nat64/bib", () -> "proto  ipv6#port  ipv4#port  kind  sessions\n"),
                report -> { })) {
            Path gateway = Files.writeString(dir.resolve("gateway.toml"), "[pref64]\nprefixes = [\"2001:db8:64::/96\"]\n"
                    + "[metrics]\nlisten = \"127.0.0.1:" + server.address().getPort() + "\"\n[ra]\n[[ra.interface]]\n"
                    + "name = \"eth1\"\n[nat64]\npool4 = [\"203.0.113.1\"]\n");
            RepoFiles.Run bib = RepoFiles.cli("nat64", "bib", "-c", gateway.toString());
            assertThat(bib.status()).as(bib.err()).isZero();
            assertThat(bib.out()).startsWith("proto  ipv6#port");
        }
        Path off = Files.writeString(dir.resolve("off.toml"), "[metrics]\nlisten = \"off\"\n[nat64]\n");
        RepoFiles.Run none = RepoFiles.cli("nat64", "sessions", "-c", off.toString());
        assertThat(none.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(none.err()).contains("turns the metrics endpoint off");
    }

    @Test
    void pagesOfAnAbsentDaemonFailWithStatus1() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        RepoFiles.Run run = RepoFiles.cli("nat64", "sessions", "--metrics", "http://127.0.0.1:" + port);
        assertThat(run.status()).isEqualTo(Main.RUNTIME_ERROR);
        assertThat(run.err()).contains("cannot reach v6mostly nat64", "connection refused");
    }

    @Test
    void mappingLogWriterAppendsRfc5424LinesAndReopens(@TempDir Path dir) throws Exception {
        AsyncMappingLog queue = new AsyncMappingLog(16);
        Path file = dir.resolve("nat64.log");
        MappingLogWriter writer = MappingLogWriter.start(queue, file.toString(), "plat1");
        try {
            queue.accept(new MappingEvent(1_780_000_000_000L, MappingEvent.Kind.BIB_CREATE, Protocol.TCP,
                    0x20010db8_00010000L, 2, 40000, 0xCB007101, 61000, 61000, 0, -1));
            assertThat(waitFor(() -> writer.written() == 1)).isTrue();
            Files.move(file, dir.resolve("nat64.log.1"));
            writer.reopen(file.toString());
            queue.accept(new MappingEvent(1_780_000_060_000L, MappingEvent.Kind.BIB_DELETE, Protocol.TCP,
                    0x20010db8_00010000L, 2, 40000, 0xCB007101, 61000, 61000, 0, -1));
            assertThat(waitFor(() -> writer.written() == 2)).isTrue();
        } finally {
            writer.close();
        }
        assertThat(Files.readString(dir.resolve("nat64.log.1"), StandardCharsets.UTF_8)).matches(
                "(?s)<134>1 \\S+ plat1 v6mostly - nat64-start \\[nat64@32473 start=\"\\S+\"]\n.*")
                .endsWith("<134>1 2026-05-28T20:26:40.000Z plat1 v6mostly - bib-create [nat64@32473 proto=\"tcp\""
                        + " src6=\"2001:db8:1::2\" sport6=\"40000\" pool4=\"203.0.113.1\" port4=\"61000\"]\n");
        assertThat(Files.readString(file)).startsWith("<134>1 2026-05-28T20:27:40.000Z plat1 v6mostly - bib-delete");
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }
}
