package net.v6mostly.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import net.v6mostly.datapath.DatapathStat;
import net.v6mostly.xlat.XlatStat;
import net.v6mostly.xlat.rfc6877.ClatStat;

/**
 * The metrics of {@code v6mostly clat}, and the status text {@code v6mostly clat status} makes of
 * them: one info sample carrying the state as labels (on/off, reason, prefix and source, addresses),
 * then the engine's events and the translator's and data path's counters.
 */
public final class ClatMetrics {
    /** 1 while translating, 0 while stepped aside. */
    public static final String ON = "v6mostly_clat_on";
    /** Seconds since start. */
    public static final String UPTIME = "v6mostly_clat_uptime_seconds";
    /** Always 1; the labels carry the state. */
    public static final String INFO = "v6mostly_clat_info";
    /** Control-plane events, label {@code event}. */
    public static final String EVENTS = "v6mostly_clat_events_total";
    /** Packets by translator exit, label {@code exit}. */
    public static final String PACKETS = "v6mostly_clat_packets_total";
    /** TUN boundary events, label {@code event}. */
    public static final String DATAPATH = "v6mostly_clat_datapath_total";

    private ClatMetrics() {
    }

    /**
     * One moment of the daemon.
     *
     * @param info         the state as label name → value (state, reason, reason_text, prefix, source, ...)
     * @param on           whether it translates
     * @param events       engine counters
     * @param xlat         translator counters
     * @param datapath     data-path counters
     * @param uptimeMillis milliseconds since start
     */
    public record Sample(Map<String, String> info, boolean on, Map<ClatStat, Long> events, Map<XlatStat, Long> xlat,
            Map<DatapathStat, Long> datapath, long uptimeMillis) {
    }

    /** The families of {@code s}; the info family carries the state as labels, counters every constant. */
    public static MetricSnapshots snapshots(Sample s) {
        InfoSnapshot info = InfoSnapshot.builder().name(INFO)
                .help("The CLAT's state: on/off and why, the NAT64 prefix and its source, its addresses.")
                .dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(Labels.of(
                        List.copyOf(s.info().keySet()), List.copyOf(s.info().values()))).build())
                .build();
        return MetricSnapshots.of(
                Exposition.gauge(ON, "Whether the CLAT translates (1) or has stepped aside (0); see v6mostly_clat_info's"
                        + " reason.", s.on()),
                Exposition.gauge(UPTIME, "Seconds since v6mostly clat started.", Exposition.seconds(s.uptimeMillis())),
                info,
                Exposition.counters(EVENTS, "CLAT control-plane events (RA, RFC 7050, DAD, on/off).", "event",
                        ClatStat.class, s.events()),
                Exposition.counters(PACKETS, "Packets by the exit they took through the CLAT's stateless translator"
                        + " (RFC 7915).", "exit", XlatStat.class, s.xlat()),
                Exposition.counters(DATAPATH, "Events at the CLAT's TUN device boundary.", "event", DatapathStat.class,
                        s.datapath()));
    }

    /** The human status of the exposition {@code text}: the state, then every non-zero counter (all with {@code all}). */
    public static String status(String text, String source, boolean all) {
        Scrape scrape = Scrape.parse(text);
        Map<String, String> info = scrape.labels(INFO);
        double seconds = scrape.value(UPTIME);
        String uptime = seconds < 0 ? "?" : StatsText.duration((long) seconds);
        Map<String, List<String>> sections = new LinkedHashMap<>();
        for (String family : List.of(EVENTS, PACKETS, DATAPATH)) {
            String label = family.equals(PACKETS) ? "exit" : "event";
            List<String> rows = new ArrayList<>();
            List<Scrape.Sample> samples = scrape.samples().stream().filter(x -> x.name().equals(family)
                    && x.labels().containsKey(label) && (all || x.value() != 0)).toList();
            for (Scrape.Sample x : StatsText.inStatOrder(samples, label, ClatStat.class, XlatStat.class,
                    DatapathStat.class)) {
                String name = x.labels().get(label);
                rows.add(String.format(Locale.ROOT, "  %-28s %10d  %s", name, (long) x.value(),
                        StatsText.explanation(name, family.equals(EVENTS) ? ClatStat.class
                                : family.equals(PACKETS) ? XlatStat.class : DatapathStat.class)));
            }
            sections.put(family, rows);
        }
        StringBuilder b = new StringBuilder();
        b.append("v6mostly clat at ").append(source).append(", uptime ").append(uptime).append('\n');
        b.append("  state       ").append(info.getOrDefault("state", "?")).append(" (")
                .append(info.getOrDefault("reason", "?")).append("): ").append(info.getOrDefault("reason_text", ""))
                .append('\n');
        b.append("  pref64      ").append(info.getOrDefault("prefix", "none")).append(" from ")
                .append(info.getOrDefault("source", "none")).append('\n');
        b.append("  clat ipv6   ").append(info.getOrDefault("clat_ipv6", "none")).append(" (DAD ")
                .append(info.getOrDefault("dad", "?")).append(") on ").append(info.getOrDefault("uplink", "?")).append('\n');
        b.append("  clat ipv4   ").append(info.getOrDefault("clat_ipv4", "?")).append(" on ")
                .append(info.getOrDefault("tun", "?")).append(", mtu ").append(info.getOrDefault("mtu", "?")).append('\n');
        b.append("  host        ipv4 default route ").append(info.getOrDefault("ipv4_default_route", "?"))
                .append(", ipv4 lease ").append(info.getOrDefault("ipv4_lease", "?"))
                .append(", ipv6 default route ").append(info.getOrDefault("ipv6_default_route", "?")).append('\n');
        section(b, "events", sections.get(EVENTS), all);
        section(b, "translator exits", sections.get(PACKETS), all);
        section(b, "data path", sections.get(DATAPATH), all);
        return b.toString();
    }

    private static void section(StringBuilder b, String title, List<String> rows, boolean all) {
        b.append(title).append('\n');
        if (rows.isEmpty()) {
            b.append(all ? "  (none)\n" : "  (all zero; --all lists them)\n");
        }
        rows.forEach(r -> b.append(r.stripTrailing()).append('\n'));
    }
}
