package net.v6mostly.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.v6mostly.xlat.rfc6877.ClatStat;
import net.v6mostly.datapath.DatapathStat;
import net.v6mostly.xlat.XlatStat;

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
        return ClatMetrics.render(new ClatMetrics.Sample(info, false, Map.of(ClatStat.RA_ACCEPTED, 3L),
                Map.of(XlatStat.TRANSLATED_46, 7L), Map.of(DatapathStat.PACKETS_READ, 9L), 61_000));
    }

    @Test
    void rendersTheStateAsLabelsAndEveryCounter() {
        String text = sample();
        assertThat(text).contains("v6mostly_clat_on 0\n", "v6mostly_clat_uptime_seconds 61.000\n",
                "reason_text=\"an IPv4 default route through another interface: \\\"native\\\"\"",
                "v6mostly_clat_events_total{event=\"RA_ACCEPTED\",drop=\"false\"} 3",
                "v6mostly_clat_events_total{event=\"RA_BAD_HOP_LIMIT\",drop=\"true\"} 0",
                "v6mostly_clat_packets_total{exit=\"TRANSLATED_46\",drop=\"false\"} 7",
                "v6mostly_clat_datapath_total{event=\"PACKETS_READ\",drop=\"false\"} 9");
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
