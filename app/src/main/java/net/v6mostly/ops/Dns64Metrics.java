package net.v6mostly.ops;

import java.util.Map;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import net.v6mostly.dns64.Dns64Stat;

/**
 * The metrics of the DNS64 server ({@code v6mostly dns64}, RFC 6147): the health of its upstreams
 * as the probe sees it, and every {@link Dns64Stat} counter.
 */
public final class Dns64Metrics {
    /** 1 while some upstream answers the health probe. */
    public static final String UPSTREAM_UP = "v6mostly_dns64_upstream_up";
    /** Queries by outcome, label {@code event}. */
    public static final String QUERIES = "v6mostly_dns64_queries_total";

    private Dns64Metrics() {
    }

    /**
     * The families of one moment.
     *
     * @param counters the server's counters (constants missing count as 0)
     * @param upstreamUp whether some upstream answers the health probe
     * @param probes health probes sent so far
     * @param failedProbes health probes no upstream answered
     */
    public static MetricSnapshots snapshots(Map<Dns64Stat, Long> counters, boolean upstreamUp, long probes,
            long failedProbes) {
        // probes and failed probes were exposed as gauges from the start: kept so, under their names
        return MetricSnapshots.of(
                Exposition.gauge(UPSTREAM_UP, "1 while some DNS64 upstream answers the health probe", upstreamUp),
                Exposition.gauge("v6mostly_dns64_probes", "health probes sent to the upstreams", probes),
                Exposition.gauge("v6mostly_dns64_probes_failed", "health probes no upstream answered", failedProbes),
                Exposition.counters(QUERIES, "DNS64 queries by outcome (docs/dns64.md)", "event", Dns64Stat.class,
                        counters));
    }
}
