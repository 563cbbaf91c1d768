package net.v6mostly.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * Jazzer targets for {@link Scrape}, the parser of what a metrics endpoint answers (outside
 * input: DESIGN.md §6).
 *
 * <p>{@code anyTextIsReadOrLocated}: any bytes, as UTF-8 text. Invariants: parsing never throws;
 * every line is a sample, a comment, blank, or a located error (samples + errors ≤ lines, each
 * error's line in range, at most {@link Scrape#MAX_ERRORS} kept); every sample has a valid metric
 * name and valid label names; the canonical lines of the samples read back to the same lines.
 *
 * <p>{@code writtenFamiliesReadBackTheSame}: gauge and counter families whose label values and
 * sample values come from the fuzzer (any text, NaN, infinities, -0.0), written by the Prometheus
 * client's text 0.0.4 and OpenMetrics writers. Invariant: both texts read back without an error
 * to exactly the samples written (names, labels, values bit for bit), with the HELP text written.
 */
class ScrapeFuzzTest {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*";

    @FuzzTest(maxDuration = "10s")
    void anyTextIsReadOrLocated(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        Scrape s = Scrape.parse(text);
        long lines = text.isEmpty() ? 0 : text.split("\n", -1).length - (text.endsWith("\n") ? 1 : 0);
        assertThat((long) s.samples().size() + s.errorCount()).isLessThanOrEqualTo(lines);
        assertThat(s.errors()).hasSizeLessThanOrEqualTo(Scrape.MAX_ERRORS)
                .allMatch(e -> e.line() >= 1 && e.line() <= lines && !e.reason().isEmpty());
        for (Scrape.Sample x : s.samples()) {
            assertThat(x.name()).matches(NAME);
            assertThat(x.labels().keySet()).allMatch(k -> k.matches(LABEL));
        }
        Scrape again = Scrape.parse(String.join("\n", s.canonical()));
        assertThat(again.errors()).isEmpty();
        assertThat(again.canonical()).isEqualTo(s.canonical());
    }

    @FuzzTest(maxDuration = "10s")
    void writtenFamiliesReadBackTheSame(FuzzedDataProvider data) {
        Map<String, Double> gauges = new LinkedHashMap<>();
        Map<String, Long> counters = new LinkedHashMap<>();
        int n = data.consumeInt(0, 8);
        for (int i = 0; i < n; i++) {
            gauges.put(survivesUtf8(data.consumeString(40)), data.consumeDouble());
            counters.put(survivesUtf8(data.consumeString(40)), data.consumeLong(0, Long.MAX_VALUE));
        }
        CounterSnapshot.Builder c = CounterSnapshot.builder().name("v6mostly_fuzz_events_total").help("h");
        counters.forEach((k, v) -> c.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(Labels.of("event", k, "drop", "false")).value(v).build()));
        MetricSnapshots families = MetricSnapshots.of(
                Exposition.gauges("v6mostly_fuzz_share", "share per \"subnet\"\\\n", "subnet", gauges), c.build());
        for (String text : List.of(Exposition.text(families), Exposition.openMetrics(families))) {
            Scrape s = Scrape.parse(text);
            assertThat(s.errors()).as(text).isEmpty();
            // the writers leave out a family without samples, HELP and TYPE included
            assertThat(s.help("v6mostly_fuzz_share")).isEqualTo(gauges.isEmpty() ? null : "share per \"subnet\"\\\n");
            List<String> got = new ArrayList<>();
            List<String> want = new ArrayList<>();
            s.samples().forEach(x -> got.add(x.name() + x.labels() + Double.doubleToLongBits(x.value())));
            gauges.forEach((k, v) -> want.add("v6mostly_fuzz_share" + Map.of("subnet", k) + Double.doubleToLongBits(v)));
            counters.forEach((k, v) -> want.add("v6mostly_fuzz_events_total" + new java.util.TreeMap<>(
                    Map.of("event", k, "drop", "false")) + Double.doubleToLongBits((double) v)));
            assertThat(got).as(text).containsExactlyInAnyOrderElementsOf(want);
        }
    }

    /** What a string is after the UTF-8 encoding of the exposition (an unpaired surrogate becomes '?'). */
    private static String survivesUtf8(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
