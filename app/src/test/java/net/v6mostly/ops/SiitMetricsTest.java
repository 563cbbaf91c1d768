package net.v6mostly.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.v6mostly.datapath.DatapathStat;
import net.v6mostly.xlat.XlatStat;

/** The exposition text, line by line: one HELP and TYPE per family, every constant once. */
class SiitMetricsTest {

    private static String render() {
        return Exposition.text(SiitMetrics.snapshots(new SiitMetrics.Sample(
                Map.of(XlatStat.TRANSLATED_46, 7L, XlatStat.TTL_EXPIRED_46, 2L),
                Map.of(DatapathStat.PACKETS_READ, 9L), true, 61_500)));
    }

    @Test
    void exactLines() {
        // written by the Prometheus client's text 0.0.4 writer: labels and samples sorted, values as doubles
        assertThat(render().lines().toList()).contains(
                "# HELP v6mostly_siit_up Whether every data-path worker of v6mostly siit is running (1) or one has failed (0).",
                "# TYPE v6mostly_siit_up gauge",
                "v6mostly_siit_up 1.0",
                "# HELP v6mostly_siit_uptime_seconds Seconds since v6mostly siit started.",
                "# TYPE v6mostly_siit_uptime_seconds gauge",
                "v6mostly_siit_uptime_seconds 61.5",
                "# HELP v6mostly_siit_packets_total Packets by the exit they took through the stateless translator"
                        + " (RFC 7915); v6mostly siit stats explains each exit.",
                "# TYPE v6mostly_siit_packets_total counter",
                "v6mostly_siit_packets_total{drop=\"false\",exit=\"TRANSLATED_46\"} 7.0",
                "v6mostly_siit_packets_total{drop=\"false\",exit=\"TRANSLATED_64\"} 0.0",
                "v6mostly_siit_packets_total{drop=\"true\",exit=\"TTL_EXPIRED_46\"} 2.0",
                "# HELP v6mostly_siit_datapath_total Events at the TUN device boundary; v6mostly siit stats explains each.",
                "# TYPE v6mostly_siit_datapath_total counter",
                "v6mostly_siit_datapath_total{drop=\"false\",event=\"PACKETS_READ\"} 9.0");
    }

    @Test
    void everyConstantOnceAndOneHelpPerFamily() {
        List<String> lines = render().lines().toList();
        assertThat(lines.stream().filter(l -> l.startsWith("v6mostly_siit_packets_total{"))).hasSize(XlatStat.values().length);
        assertThat(lines.stream().filter(l -> l.startsWith("v6mostly_siit_datapath_total{")))
                .hasSize(DatapathStat.values().length);
        assertThat(lines.stream().filter(l -> l.startsWith("# HELP "))).hasSize(4);
        assertThat(lines.stream().filter(l -> l.startsWith("# TYPE "))).hasSize(4);
        assertThat(render()).endsWith("\n");
    }
}
