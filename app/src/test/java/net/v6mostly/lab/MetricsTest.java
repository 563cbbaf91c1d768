package net.v6mostly.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class MetricsTest {
    // lines as the gateway and the CLAT print them (every counter family carries a drop label)
    private static final String BEFORE = """
            # HELP v6mostly_ra_events_total Router Advertisement events (docs/ra.md)
            # RS_BAD_CODE: ICMPv6 code is not 0 (RFC 4861 §6.1.1)
            v6mostly_ra_events_total{event="RS_RECEIVED",drop="false"} 2
            v6mostly_ra_events_total{event="RS_BAD_CODE",drop="true"} 0
            v6mostly_gateway_up 1
            v6mostly_clat_info{state="on",reason_text="translating (claton)",prefix="2001:db8:64::/96",source="ra"} 1
            """;
    private static final String AFTER = """
            v6mostly_ra_events_total{event="RS_RECEIVED",drop="false"} 25
            v6mostly_ra_events_total{event="RS_BAD_CODE",drop="true"} 99
            v6mostly_ra_events_total{event="RS_TOO_SHORT",drop="true"} 37
            v6mostly_gateway_up 1
            """;

    @Test
    void familiesAreReadByLabelAndDropsAreTheDropTrueSamples() {
        Metrics m = Metrics.parse(AFTER);
        assertThat(m.family("v6mostly_ra_events_total", "event"))
                .containsExactly(Map.entry("RS_RECEIVED", 25.0), Map.entry("RS_BAD_CODE", 99.0), Map.entry("RS_TOO_SHORT", 37.0));
        assertThat(m.drops("v6mostly_ra_events_total", "event")).containsOnlyKeys("RS_BAD_CODE", "RS_TOO_SHORT");
        assertThat(m.value("v6mostly_gateway_up")).isEqualTo(1.0);
        assertThat(m.value("v6mostly_nat64_up")).isEqualTo(-1.0);
    }

    @Test
    void grownNamesWhatIncreasedAndCountsAnAbsentCounterAsZero() {
        Map<String, Double> grown = Metrics.grown(Metrics.parse(BEFORE).drops("v6mostly_ra_events_total", "event"),
                Metrics.parse(AFTER).drops("v6mostly_ra_events_total", "event"));
        assertThat(Metrics.show(grown)).isEqualTo("RS_BAD_CODE +99, RS_TOO_SHORT +37");
        assertThat(Metrics.show(Map.of())).isEqualTo("nothing");
    }

    @Test
    void labelsWithSpacesAndCommentsAreRead() {
        Metrics m = Metrics.parse(BEFORE);
        assertThat(m.label("v6mostly_clat_info", "prefix")).isEqualTo("2001:db8:64::/96");
        assertThat(m.label("v6mostly_clat_info", "reason_text")).isEqualTo("translating (claton)");
        assertThat(Metrics.parse("").isEmpty()).isTrue();
    }
}
