package net.v6mostly.ops;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import net.v6mostly.datapath.DatapathStat;
import net.v6mostly.xlat.XlatStat;

/**
 * The metrics of {@code v6mostly siit} (RFC 7915 stateless translation): whether it is up, how
 * long it has run, and every {@link XlatStat} and {@link DatapathStat} counter; and the table
 * {@code v6mostly siit stats} prints from a {@link Scrape} of them, each counter with its explanation.
 */
public final class SiitMetrics {
    /** Packets by translator exit, label {@code exit}. */
    public static final String PACKETS = "v6mostly_siit_packets_total";
    /** Data-path events at the TUN boundary, label {@code event}. */
    public static final String DATAPATH = "v6mostly_siit_datapath_total";
    /** 1 while every worker runs. */
    public static final String UP = "v6mostly_siit_up";
    /** Seconds since start. */
    public static final String UPTIME = "v6mostly_siit_uptime_seconds";

    private SiitMetrics() {
    }

    /**
     * What the endpoint shows at one moment.
     *
     * @param xlat          translator counters (constants missing from the map count as 0)
     * @param datapath      data-path counters (likewise)
     * @param up            whether every worker runs
     * @param uptimeMillis  milliseconds since the daemon started
     */
    public record Sample(Map<XlatStat, Long> xlat, Map<DatapathStat, Long> datapath, boolean up, long uptimeMillis) {
    }

    /** The families of {@code s}; every constant appears, zeros included. */
    public static MetricSnapshots snapshots(Sample s) {
        return MetricSnapshots.of(
                Exposition.gauge(UP, "Whether every data-path worker of v6mostly siit is running (1) or one has failed (0).",
                        s.up()),
                Exposition.gauge(UPTIME, "Seconds since v6mostly siit started.", Exposition.seconds(s.uptimeMillis())),
                Exposition.counters(PACKETS, "Packets by the exit they took through the stateless translator (RFC 7915);"
                        + " v6mostly siit stats explains each exit.", "exit", XlatStat.class, s.xlat()),
                Exposition.counters(DATAPATH, "Events at the TUN device boundary; v6mostly siit stats explains each.",
                        "event", DatapathStat.class, s.datapath()));
    }

    /**
     * The table {@code v6mostly siit stats} prints: a status line, then per family every non-zero
     * counter (every counter with {@code all}) with its value and explanation; drops are marked.
     */
    public static String table(Scrape scrape, String source, boolean all) {
        double up = scrape.value(UP);
        double uptime = scrape.value(UPTIME);
        StringBuilder b = new StringBuilder();
        b.append("v6mostly siit at ").append(source).append(": ")
                .append(up == 1 ? "up" : up == 0 ? "DOWN (a worker failed)" : "status unknown");
        if (uptime >= 0) {
            b.append(", uptime ").append(StatsText.duration((long) uptime));
        }
        b.append('\n');
        section(b, "translator exits", scrape, PACKETS, "exit", all);
        section(b, "data path", scrape, DATAPATH, "event", all);
        return b.toString();
    }

    private static void section(StringBuilder b, String title, Scrape scrape, String family, String label, boolean all) {
        List<Scrape.Sample> rows = StatsText.inStatOrder(scrape.samples().stream().filter(s -> s.name().equals(family)
                && s.labels().containsKey(label) && (all || s.value() != 0)).toList(), label, XlatStat.class,
                DatapathStat.class);
        b.append(title).append(" (").append(family).append(")\n");
        if (rows.isEmpty()) {
            b.append(all ? "  (none)\n" : "  (all zero; --all lists them)\n");
            return;
        }
        int nameWidth = rows.stream().mapToInt(s -> s.labels().get(label).length()).max().orElse(0);
        int valueWidth = rows.stream().mapToInt(s -> Long.toString((long) s.value()).length()).max().orElse(0);
        for (Scrape.Sample s : rows) {
            String name = s.labels().get(label);
            b.append(String.format(Locale.ROOT, "  %-" + nameWidth + "s  %" + valueWidth + "d  %-4s  %s", name,
                    (long) s.value(), "true".equals(s.labels().get("drop")) ? "drop" : "",
                    StatsText.explanation(name, XlatStat.class, DatapathStat.class)).stripTrailing()).append('\n');
        }
    }
}
