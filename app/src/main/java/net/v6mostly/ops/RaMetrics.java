package net.v6mostly.ops;

import java.util.Map;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import net.v6mostly.ndp.NdpStat;

/**
 * The metrics of the Router Advertisement sender ({@code v6mostly ra}, RFC 4861 §6.2 with the
 * PREF64 option of RFC 8781): whether PREF64 is withdrawn by the health signalling, and every
 * {@link NdpStat} counter.
 */
public final class RaMetrics {
    /** 1 while PREF64 is advertised with lifetime 0. */
    public static final String PREF64_WITHDRAWN = "v6mostly_ra_pref64_withdrawn";
    /** Router Advertisement events, label {@code event}. */
    public static final String EVENTS = "v6mostly_ra_events_total";

    private RaMetrics() {
    }

    /**
     * The families of one moment.
     *
     * @param counters the sender's counters (constants missing count as 0)
     * @param pref64Withdrawn whether PREF64 is advertised with lifetime 0 (RFC 8781 §4)
     */
    public static MetricSnapshots snapshots(Map<NdpStat, Long> counters, boolean pref64Withdrawn) {
        return MetricSnapshots.of(
                Exposition.gauge(PREF64_WITHDRAWN, "1 while PREF64 is advertised with lifetime 0 (health signalling)",
                        pref64Withdrawn),
                Exposition.counters(EVENTS, "Router Advertisement events (docs/ra.md)", "event", NdpStat.class, counters));
    }
}
