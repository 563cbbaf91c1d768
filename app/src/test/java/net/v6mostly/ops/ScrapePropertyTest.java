package net.v6mostly.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * Properties of {@link Scrape}: what the Prometheus client writes, in either format, reads back
 * to the same labels and values; and any text reads without an exception, into samples and
 * located errors only.
 */
class ScrapePropertyTest {

    @Property(tries = 300)
    void writtenGaugesReadBackInBothFormats(@ForAll @Size(max = 6) Set<@StringLength(max = 30) String> subnets,
            @ForAll double value) {
        Map<String, Double> written = new java.util.LinkedHashMap<>();
        subnets.forEach(s -> written.put(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), value));
        MetricSnapshots families = MetricSnapshots.of(Exposition.gauges(Dhcp4Metrics.SHARE, "share", "subnet", written));
        for (String text : java.util.List.of(Exposition.text(families), Exposition.openMetrics(families))) {
            Scrape s = Scrape.parse(text);
            assertThat(s.errors()).isEmpty();
            assertThat(s.family(Dhcp4Metrics.SHARE, "subnet")).isEqualTo(written);
        }
    }

    @Property(tries = 500)
    void anyTextGivesSamplesOrLocatedErrors(@ForAll @StringLength(max = 300) String text) {
        Scrape s = Scrape.parse(text);
        long lines = text.lines().count();
        assertThat((long) s.samples().size() + s.errorCount()).isLessThanOrEqualTo(Math.max(lines, 1));
        assertThat(s.errors()).allMatch(e -> e.line() >= 1 && e.line() <= lines + 1);
    }
}
