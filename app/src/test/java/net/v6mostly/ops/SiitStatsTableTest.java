package net.v6mostly.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import net.v6mostly.datapath.DatapathStat;
import net.v6mostly.xlat.XlatStat;

/** Reading the endpoint back ({@link Scrape}) and the table {@code v6mostly siit stats} prints. */
class SiitStatsTableTest {

    private static Scrape scrape() {
        return Scrape.parse(Exposition.text(SiitMetrics.snapshots(new SiitMetrics.Sample(
                Map.of(XlatStat.TRANSLATED_64, 12345L, XlatStat.TTL_EXPIRED_46, 3L),
                Map.of(DatapathStat.PACKETS_READ, 12348L, DatapathStat.PACKETS_WRITTEN, 12345L), true, 3_723_000))));
    }

    @Test
    void roundTrip() {
        Scrape s = scrape();
        assertThat(s.value(SiitMetrics.UP)).isEqualTo(1);
        assertThat(s.value(SiitMetrics.UPTIME)).isEqualTo(3723.0);
        assertThat(s.samples()).hasSize(2 + XlatStat.values().length + DatapathStat.values().length);
        assertThat(s.samples()).contains(new Scrape.Sample(SiitMetrics.PACKETS,
                Map.of("drop", "true", "exit", "TTL_EXPIRED_46"), 3));
        assertThat(s.errors()).isEmpty();
    }

    @Test
    void tableOfNonZeroCounters() {
        assertThat(SiitMetrics.table(scrape(), "http://127.0.0.1:9464/metrics", false)).isEqualTo("""
                v6mostly siit at http://127.0.0.1:9464/metrics: up, uptime 1h 02m 03s
                translator exits (v6mostly_siit_packets_total)
                  TRANSLATED_64   12345        IPv6 packet translated to IPv4 (RFC 7915 §5)
                  TTL_EXPIRED_46      3  drop  IPv4 TTL would reach zero; ICMPv4 Time Exceeded sent (RFC 7915 §4.1, RFC 1812 §5.3.1)
                data path (v6mostly_siit_datapath_total)
                  PACKETS_READ     12348        packets read from the TUN device
                  PACKETS_WRITTEN  12345        packets written to the TUN device
                """);
    }

    @Test
    void allListsZerosToo() {
        String table = SiitMetrics.table(scrape(), "x", true);
        assertThat(table).contains("  HAIRPINNED_66                       0        IPv6 packet to an EAM IPv4 address");
        assertThat(table.lines().filter(l -> l.startsWith("  "))).hasSize(XlatStat.values().length
                + DatapathStat.values().length);
    }

    @Test
    void nothingCountedYetAndUnknownStatus() {
        Scrape empty = Scrape.parse("# nothing\nsome_other_metric 5\nv6mostly_siit_up oops\n");
        assertThat(SiitMetrics.table(empty, "x", false)).isEqualTo("""
                v6mostly siit at x: status unknown
                translator exits (v6mostly_siit_packets_total)
                  (all zero; --all lists them)
                data path (v6mostly_siit_datapath_total)
                  (all zero; --all lists them)
                """);
    }

    @Test
    void durations() {
        assertThat(StatsText.duration(45)).isEqualTo("45s");
        assertThat(StatsText.duration(187)).isEqualTo("3m 07s");
        assertThat(StatsText.duration(4 * 86400 + 2 * 3600 + 187)).isEqualTo("4d 02h 03m 07s");
    }
}
