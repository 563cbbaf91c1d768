package net.v6mostly.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.v6mostly.datapath.DatapathStat;
import net.v6mostly.xlat.XlatStat;
import net.v6mostly.xlat.rfc6877.ClatStat;

class ClatMetricsTest {
    static String sample() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("state", "off");
        info.put("reason", "native-ipv4-route");
        info.put("reason_text", "an IPv4 default route through another interface: \"native\"");
        info.put("prefix", "2001:db8:64::/96");
        info.put("source", "ra");
        info.put("clat_ipv6", "2001:db8:1:2::464");
        info.put("dad", "done");
        info.put("clat_ipv4", "192.0.0.1");
        info.put("uplink", "eth0");
        info.put("tun", "clat0");
        info.put("mtu", "1480");
        return Exposition.text(ClatMetrics.snapshots(new ClatMetrics.Sample(info, false, Map.of(ClatStat.RA_ACCEPTED, 3L),
                Map.of(XlatStat.TRANSLATED_46, 7L), Map.of(DatapathStat.PACKETS_READ, 9L), 61_000)));
    }

    @Test
    void rendersTheStateAsLabelsAndEveryCounter() {
        String text = sample();
        assertThat(text).contains("# TYPE v6mostly_clat_info gauge\n",
                "reason_text=\"an IPv4 default route through another interface: \\\"native\\\"\"");
        Scrape m = Scrape.parse(text);
        assertThat(m.errors()).isEmpty();
        assertThat(m.value(ClatMetrics.ON)).isEqualTo(0);
        assertThat(m.value(ClatMetrics.UPTIME)).isEqualTo(61.0);
        assertThat(m.labels(ClatMetrics.INFO)).containsEntry("state", "off").containsEntry("mtu", "1480")
                .containsEntry("reason_text", "an IPv4 default route through another interface: \"native\"");
        assertThat(m.value(ClatMetrics.INFO)).isEqualTo(1);
        assertThat(m.value(ClatMetrics.EVENTS, "event", "RA_ACCEPTED", "drop", "false")).isEqualTo(3);
        assertThat(m.value(ClatMetrics.EVENTS, "event", "RA_BAD_HOP_LIMIT", "drop", "true")).isEqualTo(0);
        assertThat(m.value(ClatMetrics.PACKETS, "exit", "TRANSLATED_46", "drop", "false")).isEqualTo(7);
        assertThat(m.value(ClatMetrics.DATAPATH, "event", "PACKETS_READ", "drop", "false")).isEqualTo(9);
    }

    @Test
    void statusReadsItBack() {
        String status = ClatMetrics.status(sample(), "http://127.0.0.1:9464/metrics", false);
        assertThat(status).contains("uptime 1m 01s",
                "state       off (native-ipv4-route): an IPv4 default route through another interface: \"native\"",
                "pref64      2001:db8:64::/96 from ra", "clat ipv6   2001:db8:1:2::464 (DAD done) on eth0",
                "clat ipv4   192.0.0.1 on clat0, mtu 1480");
        assertThat(status).containsPattern("RA_ACCEPTED +3  Router Advertisement accepted")
                .containsPattern("TRANSLATED_46 +7").doesNotContain("RA_BAD_HOP_LIMIT");
        assertThat(ClatMetrics.status(sample(), "x", true)).contains("RA_BAD_HOP_LIMIT");
    }
}
