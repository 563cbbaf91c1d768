package net.v6mostly.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.v6mostly.datapath.DatapathStat;
import net.v6mostly.xlat.XlatStat;

/** The exposition text, line by line: one HELP and TYPE per family, the explanation above each sample. */
class SiitMetricsTest {

    private static String render() {
        return SiitMetrics.render(new SiitMetrics.Sample(
                Map.of(XlatStat.TRANSLATED_46, 7L, XlatStat.TTL_EXPIRED_46, 2L),
                Map.of(DatapathStat.PACKETS_READ, 9L), true, 61_500));
    }

    @Test
    void exactLines() {
        List<String> lines = render().lines().toList();
        assertThat(lines.subList(0, 13)).containsExactly(
                "# HELP v6mostly_siit_up Whether every data-path worker of v6mostly siit is running (1) or one has failed (0).",
                "# TYPE v6mostly_siit_up gauge",
                "v6mostly_siit_up 1",
                "# HELP v6mostly_siit_uptime_seconds Seconds since v6mostly siit started.",
                "# TYPE v6mostly_siit_uptime_seconds gauge",
                "v6mostly_siit_uptime_seconds 61.500",
                "# HELP v6mostly_siit_packets_total Packets by the exit they took through the stateless translator"
                        + " (RFC 7915); the comment above each sample explains its exit.",
                "# TYPE v6mostly_siit_packets_total counter",
                "# TRANSLATED_46: IPv4 packet translated to IPv6 (RFC 7915 §4)",
                "v6mostly_siit_packets_total{exit=\"TRANSLATED_46\",drop=\"false\"} 7",
                "# TRANSLATED_64: IPv6 packet translated to IPv4 (RFC 7915 §5)",
                "v6mostly_siit_packets_total{exit=\"TRANSLATED_64\",drop=\"false\"} 0",
                "# HAIRPINNED_66: IPv6 packet to an EAM IPv4 address of another IPv6 node translated twice and sent back"
                        + " (RFC 7757 §4.2)");
        assertThat(lines).contains(
                "# TTL_EXPIRED_46: IPv4 TTL would reach zero; ICMPv4 Time Exceeded sent (RFC 7915 §4.1, RFC 1812 §5.3.1)",
                "v6mostly_siit_packets_total{exit=\"TTL_EXPIRED_46\",drop=\"true\"} 2",
                "# HELP v6mostly_siit_datapath_total Events at the TUN device boundary; the comment above each sample explains it.",
                "# TYPE v6mostly_siit_datapath_total counter",
                "# PACKETS_READ: packets read from the TUN device",
                "v6mostly_siit_datapath_total{event=\"PACKETS_READ\",drop=\"false\"} 9");
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

    @Test
    void escaping() {
        assertThat(PrometheusText.escapeHelp("a\\b\nc")).isEqualTo("a\\\\b\\nc");
        assertThat(PrometheusText.escapeLabel("say \"hi\"\n")).isEqualTo("say \\\"hi\\\"\\n");
    }
}
