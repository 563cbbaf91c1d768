package net.v6mostly.ops;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

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

    /** The Prometheus text of {@code s}. */
    public static String render(Sample s) {
        StringBuilder labels = new StringBuilder();
        s.info().forEach((k, v) -> labels.append(labels.isEmpty() ? "" : ",").append(k).append("=\"")
                .append(PrometheusText.escapeLabel(v)).append('"'));
        List<String[]> info = new ArrayList<>();
        info.add(new String[] {labels.toString(), "1"});
        return new PrometheusText()
                .gauge(ON, "Whether the CLAT translates (1) or has stepped aside (0); see v6mostly_clat_info's reason.",
                        s.on() ? "1" : "0")
                .gauge(UPTIME, "Seconds since v6mostly clat started.",
                        String.format(Locale.ROOT, "%.3f", s.uptimeMillis() / 1000.0))
                .labelledGauge(INFO, "The CLAT's state: on/off and why, the NAT64 prefix and its source, its addresses.",
                        info)
                .counters(EVENTS, "CLAT control-plane events (RA, RFC 7050, DAD, on/off).", "event",
                        complete(ClatStat.class, s.events()))
                .counters(PACKETS, "Packets by the exit they took through the CLAT's stateless translator (RFC 7915).",
                        "exit", complete(XlatStat.class, s.xlat()))
                .counters(DATAPATH, "Events at the CLAT's TUN device boundary.", "event",
                        complete(DatapathStat.class, s.datapath()))
                .toString();
    }

    private static <E extends Enum<E>> Map<E, Long> complete(Class<E> type, Map<E, Long> values) {
        Map<E, Long> all = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            all.put(e, values.getOrDefault(e, 0L));
        }
        return all;
    }

    /** The human status of the exposition {@code text}: the state, then every non-zero counter (all with {@code all}). */
    public static String status(String text, String source, boolean all) {
        Map<String, String> info = new LinkedHashMap<>();
        Map<String, List<String>> sections = new LinkedHashMap<>();
        sections.put(EVENTS, new ArrayList<>());
        sections.put(PACKETS, new ArrayList<>());
        sections.put(DATAPATH, new ArrayList<>());
        String uptime = "?";
        String explanation = "";
        for (String line : text.split("\n")) {
            if (line.startsWith("# ") && !line.startsWith("# HELP") && !line.startsWith("# TYPE")) {
                explanation = line.substring(line.indexOf(':') + 1).strip();
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (line.startsWith("#") || !m.matches()) {
                continue;
            }
            Map<String, String> labels = labels(m.group(3) == null ? "" : m.group(3));
            String value = m.group(4);
            if (m.group(1).equals(INFO)) {
                info.putAll(labels);
            } else if (m.group(1).equals(UPTIME)) {
                uptime = MetricsScrape.duration((long) Double.parseDouble(value));
            } else if (sections.containsKey(m.group(1)) && (all || !value.equals("0"))) {
                String name = labels.getOrDefault(m.group(1).equals(PACKETS) ? "exit" : "event", "?");
                sections.get(m.group(1)).add(String.format(Locale.ROOT, "  %-28s %10s  %s", name, value, explanation));
            }
            explanation = "";
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

    private static Map<String, String> labels(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = LABEL.matcher(text);
        while (m.find()) {
            out.put(m.group(1), m.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
        }
        return out;
    }
}
