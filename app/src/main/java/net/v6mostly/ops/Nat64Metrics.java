package net.v6mostly.ops;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import net.v6mostly.datapath.DatapathStat;
import net.v6mostly.stats.Stat;
import net.v6mostly.xlat.XlatStat;
import net.v6mostly.xlat.rfc6146.MappingLogStat;
import net.v6mostly.xlat.rfc6146.Nat64Exit;
import net.v6mostly.xlat.rfc6146.Nat64Stat;
import net.v6mostly.xlat.rfc6146.Protocol;

/**
 * The metrics of {@code v6mostly nat64} (RFC 6146 stateful NAT64) as metric families, and the plain-text table {@code v6mostly
 * nat64 stats} prints: status, table sizes, pool4 use per protocol, and every counter with its
 * explanation.
 */
public final class Nat64Metrics {
    /** 1 while every worker and the sweeper run. */
    public static final String UP = "v6mostly_nat64_up";
    /** Seconds since start. */
    public static final String UPTIME = "v6mostly_nat64_uptime_seconds";
    /** Packets by pipeline exit. */
    public static final String PACKETS = "v6mostly_nat64_packets_total";
    /** State-engine outcomes. */
    public static final String STATE = "v6mostly_nat64_state_total";
    /** RFC 7915 translator exits. */
    public static final String XLAT = "v6mostly_nat64_xlat_total";
    /** TUN boundary events. */
    public static final String DATAPATH = "v6mostly_nat64_datapath_total";
    /** Mapping log events by what became of them (RFC 6888 REQ-12). */
    public static final String LOG = "v6mostly_nat64_log_events_total";
    /** 1 while the mapping log destination is open and writable. */
    public static final String LOG_WRITING = "v6mostly_nat64_log_writing";

    private Nat64Metrics() {
    }

    /**
     * One moment of a running NAT64.
     *
     * @param bibs BIB entries per protocol
     * @param sessions sessions per protocol
     * @param portsUsed pool4 ports in use per protocol (all addresses)
     * @param portsTotal pool4 ports per protocol (all addresses)
     * @param hosts IPv6 addresses holding BIB entries
     * @param subscribers subscribers (IPv6 prefixes of subscriber-prefix-length) holding BIB entries
     */
    public record Sample(boolean up, long uptimeMillis, Map<Nat64Exit, Long> exits, Map<Nat64Stat, Long> state,
            Map<XlatStat, Long> xlat, Map<DatapathStat, Long> datapath, Map<Protocol, Long> bibs,
            Map<Protocol, Long> sessions, Map<Protocol, Long> portsUsed, Map<Protocol, Long> portsTotal, long hosts,
            long subscribers, long heldSyns, LogStatus log) {
    }

    /**
     * The mapping log (RFC 6888 REQ-12).
     *
     * @param on whether a log is configured ({@code log} is not "off")
     * @param writing whether its destination is open and writable
     * @param counters what became of its events
     */
    public record LogStatus(boolean on, boolean writing, Map<MappingLogStat, Long> counters) {
        /** No mapping log. */
        public static final LogStatus OFF = new LogStatus(false, false, Map.of());

        /** Events that never reached the destination, for whatever reason. */
        public long lost() {
            long n = 0;
            for (Map.Entry<MappingLogStat, Long> e : counters.entrySet()) {
                if (e.getKey().isDrop() && e.getKey() != MappingLogStat.OPEN_FAILED) {
                    n += e.getValue();
                }
            }
            return n;
        }
    }

    /** The families of {@code s}; every constant appears, zeros included. */
    public static MetricSnapshots snapshots(Sample s) {
        return MetricSnapshots.of(
                Exposition.gauge(UP, "Whether every worker and the sweeper of v6mostly nat64 run (1) or not (0).", s.up()),
                Exposition.gauge(UPTIME, "Seconds since v6mostly nat64 started.", Exposition.seconds(s.uptimeMillis())),
                perProto("v6mostly_nat64_bib_entries", "BIB entries (RFC 6146 §3.1) per protocol.", s.bibs()),
                perProto("v6mostly_nat64_sessions", "Sessions (RFC 6146 §3.2) per protocol.", s.sessions()),
                perProto("v6mostly_nat64_pool4_ports_used", "pool4 ports (ICMP: identifiers) in use per protocol.",
                        s.portsUsed()),
                perProto("v6mostly_nat64_pool4_ports", "pool4 ports (ICMP: identifiers) per protocol.", s.portsTotal()),
                Exposition.gauge("v6mostly_nat64_hosts", "IPv6 hosts (addresses) holding BIB entries.", s.hosts()),
                Exposition.gauge("v6mostly_nat64_subscribers", "Subscribers (IPv6 prefixes of subscriber-prefix-length)"
                        + " holding BIB entries (RFC 6888 REQ-4).", s.subscribers()),
                Exposition.gauge("v6mostly_nat64_held_syns", "Unsolicited IPv4 SYNs held (RFC 6146 §3.5.2.2).",
                        s.heldSyns()),
                Exposition.gauge("v6mostly_nat64_log_events_dropped",
                        "Mapping log events that never reached the log: queue full, write failed, unwritten at stop"
                                + " (RFC 6888 REQ-12).", s.log().lost()),
                Exposition.gauge(LOG_WRITING, "Whether the mapping log destination is open and writable (1), or failing"
                        + " and being retried (0); 0 too with log = \"off\".", s.log().writing()),
                Exposition.counters(LOG, "Mapping log events by what became of them (RFC 6888 REQ-12).", "outcome",
                        MappingLogStat.class, s.log().counters()),
                Exposition.counters(PACKETS, "Packets by the exit they took through the NAT64 pipeline (RFC 6146 §3).",
                        "exit", Nat64Exit.class, s.exits()),
                Exposition.counters(STATE, "Outcomes of the NAT64 state engine (RFC 6146 §3.5).", "outcome",
                        Nat64Stat.class, s.state()),
                Exposition.counters(XLAT, "Why the RFC 7915 step refused NAT64 packets (the reason of each"
                        + " XLAT_REFUSED_64, XLAT_REFUSED_46 and HAIRPIN_REFUSED exit), and the ICMP errors and"
                        + " fragments it generated; translated packets are counted in " + PACKETS + " only.", "exit",
                        XlatStat.class, s.xlat()),
                Exposition.counters(DATAPATH, "Events at the TUN device boundary.", "event", DatapathStat.class,
                        s.datapath()));
    }

    /** The table of {@code v6mostly nat64 stats}: non-zero counters (all with {@code all}) and gauges. */
    public static String table(Sample s, boolean all) {
        StringBuilder b = new StringBuilder();
        b.append("v6mostly nat64: ").append(s.up() ? "up" : "DOWN (a worker or the sweeper stopped)").append(", uptime ")
                .append(StatsText.duration(s.uptimeMillis() / 1000)).append('\n');
        for (Protocol p : Protocol.values()) {
            long used = s.portsUsed().getOrDefault(p, 0L);
            long total = s.portsTotal().getOrDefault(p, 0L);
            b.append(String.format(Locale.ROOT, "  %-4s  %8d BIB entries  %8d sessions  pool4 %d/%d ports used (%.1f%%)%n",
                    p.label(), s.bibs().getOrDefault(p, 0L), s.sessions().getOrDefault(p, 0L), used, total,
                    total == 0 ? 0.0 : 100.0 * used / total));
        }
        b.append("  hosts ").append(s.hosts()).append(" in ").append(s.subscribers()).append(" subscriber(s), held SYNs ").append(s.heldSyns()).append(", mapping log ")
                .append(!s.log().on() ? "off" : s.log().writing() ? "writing" : "FAILING (retrying)")
                .append(", log events lost ").append(s.log().lost()).append('\n');
        section(b, "pipeline exits (" + PACKETS + ")", s.exits(), all);
        section(b, "state engine (" + STATE + ")", s.state(), all);
        section(b, "RFC 7915 refusal reasons and generated packets (" + XLAT + ")", s.xlat(), all);
        section(b, "data path (" + DATAPATH + ")", s.datapath(), all);
        section(b, "mapping log (" + LOG + ")", complete(MappingLogStat.class, s.log().counters()), all);
        return b.toString();
    }

    private static <E extends Enum<E> & Stat> void section(StringBuilder b, String title, Map<E, Long> values,
            boolean all) {
        b.append(title).append('\n');
        boolean any = false;
        for (Map.Entry<E, Long> e : values.entrySet()) {
            if (all || e.getValue() != 0) {
                any = true;
                b.append(String.format(Locale.ROOT, "  %-30s %10d  %-4s  %s%n", e.getKey().name(), e.getValue(),
                        e.getKey().isDrop() ? "drop" : "", e.getKey().explanation()));
            }
        }
        if (!any) {
            b.append("  (all zero; --all lists them)\n");
        }
    }

    private static GaugeSnapshot perProto(String name, String help, Map<Protocol, Long> values) {
        Map<String, Long> byLabel = new LinkedHashMap<>();
        for (Protocol p : Protocol.values()) {
            byLabel.put(p.label(), values.getOrDefault(p, 0L));
        }
        return Exposition.gauges(name, help, "proto", byLabel);
    }

    static <E extends Enum<E>> Map<E, Long> complete(Class<E> type, Map<E, Long> values) {
        Map<E, Long> m = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            m.put(e, values.getOrDefault(e, 0L));
        }
        return m;
    }
}
