package net.v6mostly.ops;

import java.util.Map;

import net.v6mostly.stats.Stat;

/**
 * Builds the Prometheus text exposition format (version 0.0.4): one {@code # HELP} and one
 * {@code # TYPE} line per metric family, then its samples.
 *
 * <p>Each {@link Stat} carries its own explanation, but the format allows only one HELP line per
 * family (a second one makes Prometheus reject the whole scrape), so the explanation of each
 * counter goes into a plain comment line just above its sample, {@code # EXIT_NAME: explanation},
 * which scrapers ignore and {@link MetricsScrape} reads back.
 */
public final class PrometheusText {
    private final StringBuilder out = new StringBuilder(8192);

    /** A gauge family with one unlabelled sample. */
    public PrometheusText gauge(String name, String help, String value) {
        header(name, help, "gauge");
        out.append(name).append(' ').append(value).append('\n');
        return this;
    }

    /**
     * A counter family with one sample per constant of {@code values}: label {@code label} holds
     * the constant's name, label {@code drop} whether the constant counts lost packets.
     */
    public <E extends Enum<E> & Stat> PrometheusText counters(String name, String help, String label, Map<E, Long> values) {
        header(name, help, "counter");
        for (Map.Entry<E, Long> e : values.entrySet()) {
            E stat = e.getKey();
            out.append("# ").append(stat.name()).append(": ").append(escapeHelp(stat.explanation())).append('\n');
            out.append(name).append('{').append(label).append("=\"").append(escapeLabel(stat.name()))
                    .append("\",drop=\"").append(stat.isDrop()).append("\"} ").append(e.getValue()).append('\n');
        }
        return this;
    }

    /** A gauge family with one sample per {@code {labels, value}} pair; labels already escaped. */
    public PrometheusText labelledGauge(String name, String help, java.util.List<String[]> samples) {
        header(name, help, "gauge");
        for (String[] s : samples) {
            out.append(name).append('{').append(s[0]).append("} ").append(s[1]).append('\n');
        }
        return this;
    }

    /** A counter family with one sample per {@code {labels, value}} pair; labels already escaped. */
    public PrometheusText labelledCounter(String name, String help, java.util.List<String[]> samples) {
        header(name, help, "counter");
        for (String[] s : samples) {
            out.append(name).append('{').append(s[0]).append("} ").append(s[1]).append('\n');
        }
        return this;
    }

    private void header(String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    /** HELP text escapes backslash and line feed. */
    static String escapeHelp(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** Label values escape backslash, double quote and line feed. */
    static String escapeLabel(String text) {
        return escapeHelp(text).replace("\"", "\\\"");
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
