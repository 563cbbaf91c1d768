package net.v6mostly.ops;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import net.v6mostly.datapath.DatapathStat;
import net.v6mostly.xlat.XlatStat;

/**
 * The metrics of {@code v6mostly siit}: whether it is up, how long it has run, and every
 * {@link XlatStat} and {@link DatapathStat} counter, each with its explanation.
 */
public final class SiitMetrics {
    /** Packets by translator exit, label {@code exit}. */
    public static final String PACKETS = "v6mostly_siit_packets_total";
    /** Data-path events at the TUN boundary, label {@code event}. */
    public static final String DATAPATH = "v6mostly_siit_datapath_total";
    /** 1 while every worker runs. */
    public static final String UP = "v6mostly_siit_up";
    /** Seconds since start. */
    public static final String UPTIME = "v6mostly_siit_uptime_seconds";

    private SiitMetrics() {
    }

    /**
     * What the endpoint shows at one moment.
     *
     * @param xlat          translator counters (constants missing from the map count as 0)
     * @param datapath      data-path counters (likewise)
     * @param up            whether every worker runs
     * @param uptimeMillis  milliseconds since the daemon started
     */
    public record Sample(Map<XlatStat, Long> xlat, Map<DatapathStat, Long> datapath, boolean up, long uptimeMillis) {
    }

    /** The Prometheus text of {@code s}; every constant appears, zeros included. */
    public static String render(Sample s) {
        return new PrometheusText()
                .gauge(UP, "Whether every data-path worker of v6mostly siit is running (1) or one has failed (0).",
                        s.up() ? "1" : "0")
                .gauge(UPTIME, "Seconds since v6mostly siit started.",
                        String.format(Locale.ROOT, "%.3f", s.uptimeMillis() / 1000.0))
                .counters(PACKETS, "Packets by the exit they took through the stateless translator (RFC 7915);"
                        + " the comment above each sample explains its exit.", "exit", complete(XlatStat.class, s.xlat()))
                .counters(DATAPATH, "Events at the TUN device boundary; the comment above each sample explains it.",
                        "event", complete(DatapathStat.class, s.datapath()))
                .toString();
    }

    private static <E extends Enum<E>> Map<E, Long> complete(Class<E> type, Map<E, Long> values) {
        Map<E, Long> all = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            all.put(e, values.getOrDefault(e, 0L));
        }
        return all;
    }
}
