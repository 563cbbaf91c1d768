package net.v6mostly.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import net.v6mostly.stats.Stat;

/**
 * The metric families of every component as the Prometheus Java client's model ({@link
 * MetricSnapshots}), and their exposition through the client's writers: the text format 0.0.4, or
 * OpenMetrics 1.0 when the scraper asks for it in its Accept header (content negotiation and the
 * escaping of HELP text and label values come with the writers).
 *
 * <p>Every v6mostly counter family has one sample per constant of its {@link Stat} enum, zeros
 * included, labelled with the constant's name and {@code drop} (whether it counts lost input); the
 * explanation of each constant is what {@code v6mostly <component> stats} and the docs print
 * beside it. Counter names are given with their exposed {@code _total}: the client keeps the
 * family name without it and its writers append it, so the exposed name is the one given.
 */
public final class Exposition {
    /** The content type of the text format 0.0.4 (what is served unless OpenMetrics is asked for). */
    public static final String TEXT = PrometheusTextFormatWriter.CONTENT_TYPE;

    private static final ExpositionFormats FORMATS = ExpositionFormats.init();

    private Exposition() {
    }

    /** {@code snapshots} in the text format 0.0.4. */
    public static String text(MetricSnapshots snapshots) {
        return write(FORMATS.getPrometheusTextFormatWriter(), snapshots);
    }

    /** {@code snapshots} in the OpenMetrics 1.0 text format (ends with {@code # EOF}). */
    public static String openMetrics(MetricSnapshots snapshots) {
        return write(FORMATS.getOpenMetricsTextFormatWriter(), snapshots);
    }

    /**
     * The writer for a request's {@code Accept} header (null when it had none): OpenMetrics when
     * the scraper asks for {@code application/openmetrics-text}, the text format 0.0.4 otherwise.
     * The client would pick its protobuf writer for a scraper that prefers protobuf, which needs a
     * module v6mostly does not ship; such a scraper gets the best text format it also accepts.
     */
    public static ExpositionFormatWriter writer(String accept) {
        ExpositionFormatWriter w = FORMATS.findWriter(accept);
        ExpositionFormatWriter om = FORMATS.getOpenMetricsTextFormatWriter();
        ExpositionFormatWriter text = FORMATS.getPrometheusTextFormatWriter();
        if (w.isAvailable() && (w == om || w == text)) {
            return w;
        }
        return om.accepts(accept) ? om : text;
    }

    /** What {@code writer} makes of {@code snapshots}, as UTF-8 bytes. */
    public static byte[] bytes(ExpositionFormatWriter writer, MetricSnapshots snapshots) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            writer.write(out, snapshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    private static String write(ExpositionFormatWriter writer, MetricSnapshots snapshots) {
        return new String(bytes(writer, snapshots), StandardCharsets.UTF_8);
    }

    /**
     * The families of all {@code parts} together, e.g. the gateway's and each component's. The
     * client (1.10) accepts a family name twice and writes it twice, which Prometheus rejects
     * whole, so a name met again is refused here.
     *
     * @throws IllegalArgumentException when two parts hold a family of the same name
     */
    public static MetricSnapshots concat(MetricSnapshots... parts) {
        List<MetricSnapshot> all = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (MetricSnapshots p : parts) {
            for (MetricSnapshot m : p) {
                if (!names.add(m.getMetadata().getPrometheusName())) {
                    throw new IllegalArgumentException("metric family " + m.getMetadata().getName() + " given twice");
                }
                all.add(m);
            }
        }
        return new MetricSnapshots(all);
    }

    /** A gauge family with one unlabelled sample. */
    public static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build();
    }

    /** A gauge family with one unlabelled sample, 1 for {@code true} and 0 for {@code false}. */
    public static GaugeSnapshot gauge(String name, String help, boolean value) {
        return gauge(name, help, value ? 1 : 0);
    }

    /** A gauge family with one sample per entry of {@code values}: label {@code label} holds the key. */
    public static GaugeSnapshot gauges(String name, String help, String label, Map<String, ? extends Number> values) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        values.forEach((k, v) -> b.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of(label, k))
                .value(v.doubleValue()).build()));
        return b.build();
    }

    /** A gauge family with one sample per entry of {@code values} (labels → value). */
    public static GaugeSnapshot gauges(String name, String help, List<Map.Entry<Labels, Double>> values) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        values.forEach(e -> b.dataPoint(GaugeDataPointSnapshot.builder().labels(e.getKey()).value(e.getValue()).build()));
        return b.build();
    }

    /**
     * A counter family with one sample per constant of {@code type}, zeros included: label {@code
     * label} holds the constant's name, label {@code drop} whether it counts lost input.
     *
     * @param name the exposed name, ending in {@code _total}
     * @param values the counts (constants missing from the map count as 0)
     */
    public static <E extends Enum<E> & Stat> CounterSnapshot counters(String name, String help, String label,
            Class<E> type, Map<E, Long> values) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        for (E stat : type.getEnumConstants()) {
            b.dataPoint(CounterDataPointSnapshot.builder()
                    .labels(Labels.of(label, stat.name(), "drop", Boolean.toString(stat.isDrop())))
                    .value(values.getOrDefault(stat, 0L)).build());
        }
        return b.build();
    }

    /** Milliseconds as the seconds a {@code *_uptime_seconds} gauge shows. */
    public static double seconds(long millis) {
        return millis / 1000.0;
    }
}
