package net.v6mostly.ops;

import java.util.Map;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * The gateway's own metrics, before those of its components: whether every component serves,
 * each component's state, and the health signalling that withdraws option 108 (RFC 8925) and
 * PREF64 (RFC 8781) while a required component is down (DESIGN.md §6).
 */
public final class GatewayMetrics {
    /** 1 while every component serves. */
    public static final String UP = "v6mostly_gateway_up";
    /** Per component, label {@code component}. */
    public static final String COMPONENT_UP = "v6mostly_component_up";
    /** 1 while option 108 and PREF64 are advertised. */
    public static final String SIGNALLING = "v6mostly_gateway_ipv6_only_signalling";
    /** Per health input, label {@code component}. */
    public static final String HEALTH_INPUT_UP = "v6mostly_gateway_health_input_up";
    /** The truncated log fields counter. */
    public static final String LOG_TRUNCATED = "v6mostly_log_fields_truncated_total";
    /** The restarts counter. */
    public static final String RESTARTS = "v6mostly_component_restarts_total";

    private GatewayMetrics() {
    }

    /**
     * The families of one moment.
     *
     * @param up whether every component serves (no component is dead)
     * @param components each component by name (in start order): whether its serving threads run
     * @param uptimeMillis milliseconds since the gateway started
     * @param signalling whether option 108 and PREF64 are advertised
     * @param signallingChanges how often the signalling decision changed
     * @param healthInputs each input of the signalling by name: whether it is up
     */
    public static MetricSnapshots snapshots(boolean up, Map<String, Boolean> components, long uptimeMillis,
            boolean signalling, long signallingChanges, Map<String, Boolean> healthInputs) {
        return MetricSnapshots.of(
                Exposition.gauge(UP, "1 while every component serves; 0 while one is dead (see v6mostly_component_up)", up),
                componentUp(components),
                Exposition.gauge("v6mostly_gateway_uptime_seconds", "seconds since the gateway started",
                        Exposition.seconds(uptimeMillis)),
                Exposition.gauge(SIGNALLING, "1 while option 108 and PREF64 are advertised; 0 while withdrawn because a"
                        + " health input is down", signalling),
                Exposition.gauge("v6mostly_gateway_signalling_changes", "how often the signalling decision changed",
                        signallingChanges),
                Exposition.gauges(HEALTH_INPUT_UP, "health of each input of the signalling", "component",
                        ones(healthInputs)));
    }

    /** {@value #COMPONENT_UP} alone: what a single-component daemon shows of its runner. */
    public static MetricSnapshots components(Map<String, Boolean> components) {
        return MetricSnapshots.of(componentUp(components));
    }

    /** {@value #LOG_TRUNCATED}: log fields cut at their limit ({@link Logs#truncatedFields()}). */
    public static MetricSnapshots logTruncations(long fields) {
        return MetricSnapshots.of(CounterSnapshot.builder().name(LOG_TRUNCATED)
                .help("log message or stack-trace fields cut at their limit (8 KiB msg, 32 KiB err)")
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(fields).build()).build());
    }

    /** {@value #RESTARTS}: restarts of each component by the runner's supervision. */
    public static MetricSnapshots restarts(Map<String, Long> restarts) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(RESTARTS)
                .help("restarts of a dead component ([gateway] on-component-failure = \"restart\")");
        restarts.forEach((name, n) -> b.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                .labels(io.prometheus.metrics.model.snapshots.Labels.of("component", name)).value(n).build()));
        return MetricSnapshots.of(b.build());
    }

    private static io.prometheus.metrics.model.snapshots.GaugeSnapshot componentUp(Map<String, Boolean> components) {
        return Exposition.gauges(COMPONENT_UP, "1 while the component's serving threads run; 0 once one ended on its"
                + " own, until a restart brings it back", "component", ones(components));
    }

    private static Map<String, Integer> ones(Map<String, Boolean> flags) {
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        flags.forEach((k, v) -> out.put(k, v ? 1 : 0));
        return out;
    }
}
