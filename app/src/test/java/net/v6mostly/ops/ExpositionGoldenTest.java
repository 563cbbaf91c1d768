package net.v6mostly.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Moving to the Prometheus client library changed no exposed name, label, HELP or value: for the
 * fixed samples of {@link GoldenSamples}, each renderer's families are compared with the text the
 * hand-written code made for the same sample (the files under {@code golden/}, written before
 * the move): the same families with the same TYPE, the same HELP (two HELP texts that named the
 * explanation comments, which OpenMetrics does not allow, now name {@code v6mostly siit stats};
 * two gateway gauges say that a dead component is restarted; the NAT64's RFC 7915 family says it
 * holds refusal reasons, not a second count of each packet),
 * and the same samples, each with the same labels and value. Only the writing differs (label and
 * sample order, {@code 1.0} for {@code 1}), which no scraper reads.
 */
class ExpositionGoldenTest {
    private static final Map<String, String> HELP_NOW = Map.of(
            "v6mostly_siit_packets_total", "Packets by the exit they took through the stateless translator (RFC 7915);"
                    + " v6mostly siit stats explains each exit.",
            "v6mostly_siit_datapath_total", "Events at the TUN device boundary; v6mostly siit stats explains each.",
            // issue 16: a dead component is restarted by the runner, no longer dead until the gateway restarts
            "v6mostly_gateway_up", "1 while every component serves; 0 while one is dead (see v6mostly_component_up)",
            "v6mostly_component_up", "1 while the component's serving threads run; 0 once one ended on its own, until a"
                    + " restart brings it back",
            // issue 17: a NAT64 packet is counted once, under its pipeline exit; this family keeps the reasons
            "v6mostly_nat64_xlat_total", "Why the RFC 7915 step refused NAT64 packets (the reason of each"
                    + " XLAT_REFUSED_64, XLAT_REFUSED_46 and HAIRPIN_REFUSED exit), and the ICMP errors and fragments"
                    + " it generated; translated packets are counted in v6mostly_nat64_packets_total only.");

    static List<Arguments> renderers() {
        Map<MetricsServerStat, Long> http = new EnumMap<>(MetricsServerStat.class);
        for (MetricsServerStat s : MetricsServerStat.values()) {
            http.put(s, (long) s.ordinal());
        }
        return List.of(
                Arguments.of("siit", SiitMetrics.snapshots(GoldenSamples.siit())),
                Arguments.of("nat64", Nat64Metrics.snapshots(GoldenSamples.nat64())),
                Arguments.of("dhcp4", Exposition.concat(Dhcp4Metrics.snapshots(GoldenSamples.dhcp4()),
                        Dhcp4Metrics.share(GoldenSamples.adoption(), false))),
                Arguments.of("clat", ClatMetrics.snapshots(GoldenSamples.clat())),
                Arguments.of("ra", RaMetrics.snapshots(GoldenSamples.ra(), true)),
                Arguments.of("dns64", Dns64Metrics.snapshots(GoldenSamples.dns64(), true, 12, 2)),
                Arguments.of("gateway", GatewayMetrics.snapshots(false, GoldenSamples.componentsUp(), 3_600_250, false,
                        5, GoldenSamples.healthInputs())),
                Arguments.of("http", MetricSnapshots.of(Exposition.counters(MetricsServer.FAMILY,
                        "connections to the metrics endpoint by outcome (docs/configuration.md, [metrics])", "outcome",
                        MetricsServerStat.class, http))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderers")
    void sameFamiliesHelpLabelsAndValuesAsBefore(String name, MetricSnapshots snapshots) throws IOException {
        Scrape before = Scrape.parse(golden(name));
        for (String text : List.of(Exposition.text(snapshots), Exposition.openMetrics(snapshots))) {
            Scrape now = Scrape.parse(text);
            assertThat(now.errors()).isEmpty();
            assertThat(samples(now)).as("every sample: name, labels, value").isEqualTo(samples(before));
        }
        Scrape now = Scrape.parse(Exposition.text(snapshots));
        assertThat(now.typed()).isEqualTo(before.typed());
        for (String family : before.typed()) {
            assertThat(now.type(family)).as(family).isEqualTo(before.type(family));
            assertThat(now.help(family)).as(family).isEqualTo(HELP_NOW.getOrDefault(family, before.help(family)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderers")
    void everyCounterKeepsItsExposedTotalName(String name, MetricSnapshots snapshots) throws IOException {
        Scrape before = Scrape.parse(golden(name));
        Scrape om = Scrape.parse(Exposition.openMetrics(snapshots));
        for (String family : before.typed()) {
            if (before.type(family).equals("counter")) {
                assertThat(family).endsWith("_total");
                // OpenMetrics names the family without _total and its samples with it
                assertThat(om.type(family.substring(0, family.length() - "_total".length()))).isEqualTo("counter");
            }
        }
        assertThat(Exposition.openMetrics(snapshots)).endsWith("# EOF\n");
    }

    /** name{sorted labels} → value, for every sample. */
    private static Map<String, Double> samples(Scrape s) {
        Map<String, Double> out = new HashMap<>();
        for (Scrape.Sample x : s.samples()) {
            Set<String> labels = new TreeSet<>();
            x.labels().forEach((k, v) -> labels.add(k + "=" + v));
            assertThat(out.put(x.name() + labels, x.value())).as("no sample twice: " + x).isNull();
        }
        return out;
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = ExpositionGoldenTest.class.getResourceAsStream("golden/" + name + ".prom")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
