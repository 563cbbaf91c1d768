package net.v6mostly.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.v6mostly.dhcp4.Adoption;
import net.v6mostly.dhcp4.Dhcp4Stat;

/**
 * The metrics of {@code v6mostly dhcp4} in the Prometheus text format, and the table {@code
 * v6mostly dhcp4 stats} prints from them. The adoption figures (RFC 8925) are gauges labelled by
 * subnet; the engine's tables are not thread-safe, so the server loop publishes them as a
 * {@link Sample} (at most a second old) and the HTTP thread only renders that.
 */
public final class Dhcp4Metrics {
    public static final String UP = "v6mostly_dhcp4_up";
    public static final String UPTIME = "v6mostly_dhcp4_uptime_seconds";
    public static final String LEASES = "v6mostly_dhcp4_active_leases";
    public static final String MESSAGES = "v6mostly_dhcp4_messages_total";
    public static final String CLIENTS = "v6mostly_dhcp4_adoption_clients";

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern EXPLANATION = Pattern.compile("^# ([A-Z][A-Z0-9_]*): (.*)$");

    /** What the loop publishes: counters (read live), adoption per subnet, active leases, uptime. */
    public record Sample(Map<Dhcp4Stat, Long> counters, List<Adoption> adoption, int activeLeases, long uptimeMillis) {
        public Sample {
            counters = Map.copyOf(counters);
            adoption = List.copyOf(adoption);
        }
    }

    private Dhcp4Metrics() {
    }

    /** The exposition text of {@code s}; counters in {@link Dhcp4Stat} order. */
    public static String render(Sample s) {
        Map<Dhcp4Stat, Long> ordered = new LinkedHashMap<>();
        for (Dhcp4Stat stat : Dhcp4Stat.values()) {
            ordered.put(stat, s.counters().getOrDefault(stat, 0L));
        }
        PrometheusText t = new PrometheusText()
                .gauge(UP, "1 while the DHCPv4 server runs", "1")
                .gauge(UPTIME, "seconds since the DHCPv4 server started",
                        String.format(Locale.ROOT, "%.3f", s.uptimeMillis() / 1000.0))
                .gauge(LEASES, "active leases in the lease table", Integer.toString(s.activeLeases()))
                .counters(MESSAGES, "DHCPv4 datagrams by what the server did with them (docs/dhcp4.md)", "event", ordered);
        List<String[]> samples = new ArrayList<>();
        for (Adoption a : s.adoption()) {
            String subnet = PrometheusText.escapeLabel(a.subnet());
            samples.add(new String[] {"subnet=\"" + subnet + "\",kind=\"ipv6_only\"", Long.toString(a.ipv6Only())});
            samples.add(new String[] {"subnet=\"" + subnet + "\",kind=\"ipv4_leased\"", Long.toString(a.ipv4Leased())});
            samples.add(new String[] {"subnet=\"" + subnet + "\",kind=\"dual_stack\"", Long.toString(a.dualStack())});
        }
        t.labelledGauge(CLIENTS, "distinct clients per subnet that went IPv6-only (RFC 8925 option 108), took an IPv4"
                + " lease, or took a lease while also asking for 108 (dual_stack, a subset of ipv4_leased); exact up to"
                + " 4096, then estimated in fixed memory (+-0.8 %)", samples);
        return t.toString();
    }

    /** The table {@code dhcp4 stats} prints: a status line, counters with explanations, adoption per subnet. */
    public static String table(String source, String text, boolean all) {
        Map<String, String> explanations = new HashMap<>();
        Map<String, Long> counters = new LinkedHashMap<>();
        Map<String, long[]> adoption = new LinkedHashMap<>();
        double up = -1;
        double uptime = -1;
        long leases = -1;
        for (String line : text.split("\n")) {
            Matcher e = EXPLANATION.matcher(line);
            if (e.matches()) {
                explanations.put(e.group(1), e.group(2).replace("\\n", "\n").replace("\\\\", "\\"));
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            if (line.startsWith("#") || !m.find()) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
                }
            }
            double value;
            try {
                value = Double.parseDouble(m.group(4));
            } catch (NumberFormatException x) {
                continue;
            }
            switch (m.group(1)) {
                case UP -> up = value;
                case UPTIME -> uptime = value;
                case LEASES -> leases = (long) value;
                case MESSAGES -> counters.put(labels.getOrDefault("event", "?"), (long) value);
                case CLIENTS -> {
                    long[] row = adoption.computeIfAbsent(labels.getOrDefault("subnet", "?"), k -> new long[3]);
                    switch (labels.getOrDefault("kind", "")) {
                        case "ipv6_only" -> row[0] = (long) value;
                        case "ipv4_leased" -> row[1] = (long) value;
                        case "dual_stack" -> row[2] = (long) value;
                        default -> { }
                    }
                }
                default -> { }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("v6mostly dhcp4 at ").append(source).append(": ").append(up == 1 ? "up" : "state unknown");
        if (uptime >= 0) {
            out.append(", uptime ").append((long) uptime).append('s');
        }
        if (leases >= 0) {
            out.append(", ").append(leases).append(" active lease(s)");
        }
        out.append('\n').append("counters (").append(MESSAGES).append(")\n");
        int width = counters.entrySet().stream().filter(c -> all || c.getValue() != 0)
                .mapToInt(c -> c.getKey().length()).max().orElse(1);
        boolean any = false;
        for (Map.Entry<String, Long> c : counters.entrySet()) {
            if (all || c.getValue() != 0) {
                any = true;
                out.append(String.format(Locale.ROOT, "  %-" + width + "s  %-8d %s%n", c.getKey(), c.getValue(),
                        explanations.getOrDefault(c.getKey(), "")).stripTrailing()).append('\n');
            }
        }
        if (!any) {
            out.append("  (all zero; --all lists them)\n");
        }
        out.append("adoption (RFC 8925 option 108)\n");
        for (Map.Entry<String, long[]> a : adoption.entrySet()) {
            out.append("  ").append(new Adoption(a.getKey(), a.getValue()[0], a.getValue()[1], a.getValue()[2])).append('\n');
        }
        return out.toString();
    }
}
