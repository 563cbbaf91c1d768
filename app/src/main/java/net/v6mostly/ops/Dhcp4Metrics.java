package net.v6mostly.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import net.v6mostly.dhcp4.Adoption;
import net.v6mostly.dhcp4.Dhcp4Stat;

/**
 * The metrics of {@code v6mostly dhcp4} (RFC 2131 server, RFC 8925 option 108) as metric families, and the table {@code
 * v6mostly dhcp4 stats} prints from them. The adoption figures (RFC 8925) are gauges labelled by
 * subnet; the engine's tables are not thread-safe, so the server loop publishes them as a
 * {@link Sample} (at most a second old) and the HTTP thread only renders that.
 */
public final class Dhcp4Metrics {
    public static final String UP = "v6mostly_dhcp4_up";
    public static final String UPTIME = "v6mostly_dhcp4_uptime_seconds";
    public static final String LEASES = "v6mostly_dhcp4_active_leases";
    public static final String MESSAGES = "v6mostly_dhcp4_messages_total";
    public static final String CLIENTS = "v6mostly_dhcp4_adoption_clients";

    /** The IPv6-only share per subnet (RFC 8925 adoption, for the gateway's signalling). */
    public static final String SHARE = "v6mostly_dhcp4_ipv6_only_share";
    /** 1 while option 108 is sent. */
    public static final String OPTION108 = "v6mostly_dhcp4_option108_enabled";

    /** What the loop publishes: counters (read live), adoption per subnet, active leases, uptime. */
    public record Sample(Map<Dhcp4Stat, Long> counters, List<Adoption> adoption, int activeLeases, long uptimeMillis) {
        public Sample {
            counters = Map.copyOf(counters);
            adoption = List.copyOf(adoption);
        }
    }

    private Dhcp4Metrics() {
    }

    /** The families of {@code s}: status, leases, every {@link Dhcp4Stat} counter, adoption per subnet. */
    public static MetricSnapshots snapshots(Sample s) {
        List<Map.Entry<Labels, Double>> clients = new ArrayList<>();
        for (Adoption a : s.adoption()) {
            clients.add(Map.entry(Labels.of("subnet", a.subnet(), "kind", "ipv6_only"), (double) a.ipv6Only()));
            clients.add(Map.entry(Labels.of("subnet", a.subnet(), "kind", "ipv4_leased"), (double) a.ipv4Leased()));
            clients.add(Map.entry(Labels.of("subnet", a.subnet(), "kind", "dual_stack"), (double) a.dualStack()));
        }
        return MetricSnapshots.of(
                Exposition.gauge(UP, "1 while the DHCPv4 server runs", true),
                Exposition.gauge(UPTIME, "seconds since the DHCPv4 server started", Exposition.seconds(s.uptimeMillis())),
                Exposition.gauge(LEASES, "active leases in the lease table", s.activeLeases()),
                Exposition.counters(MESSAGES, "DHCPv4 datagrams by what the server did with them (docs/dhcp4.md)", "event",
                        Dhcp4Stat.class, s.counters()),
                Exposition.gauges(CLIENTS, "distinct clients per subnet that went IPv6-only (RFC 8925 option 108), took"
                        + " an IPv4 lease, or took a lease while also asking for 108 (dual_stack, a subset of"
                        + " ipv4_leased); exact up to 4096, then estimated in fixed memory (+-0.8 %)", clients));
    }

    /**
     * The gateway's signalling figures: the IPv6-only share per subnet, rounded to 4 decimals, and
     * whether option 108 is sent ({@code suspended}: withheld while NAT64 or DNS64 is down).
     */
    public static MetricSnapshots share(List<Adoption> adoption, boolean suspended) {
        Map<String, Double> shares = new LinkedHashMap<>();
        for (Adoption a : adoption) {
            shares.put(a.subnet(), Math.round(a.ipv6OnlyShare() * 10_000) / 10_000.0);
        }
        return MetricSnapshots.of(
                Exposition.gauges(SHARE, "share of distinct clients per subnet that went IPv6-only (sent option 108"
                        + " and no address) among all that were answered: ipv6_only / (ipv6_only + ipv4_leased)",
                        "subnet", shares),
                Exposition.gauge(OPTION108, "1 while option 108 is sent; 0 while the gateway withholds it because"
                        + " NAT64 or DNS64 is down", !suspended));
    }

    /** The table {@code dhcp4 stats} prints: a status line, counters with explanations, adoption per subnet. */
    public static String table(String source, String text, boolean all) {
        Scrape scrape = Scrape.parse(text);
        Map<String, Long> counters = new LinkedHashMap<>();
        for (Scrape.Sample c : StatsText.inStatOrder(scrape.samples().stream()
                .filter(x -> x.name().equals(MESSAGES) && x.labels().containsKey("event")).toList(), "event",
                Dhcp4Stat.class)) {
            counters.merge(c.labels().get("event"), (long) c.value(), Long::sum);
        }
        Map<String, long[]> adoption = new LinkedHashMap<>();
        for (Scrape.Sample c : scrape.samples()) {
            if (c.name().equals(CLIENTS)) {
                long[] row = adoption.computeIfAbsent(c.labels().getOrDefault("subnet", "?"), k -> new long[3]);
                int kind = List.of("ipv6_only", "ipv4_leased", "dual_stack").indexOf(c.labels().getOrDefault("kind", ""));
                if (kind >= 0) {
                    row[kind] = (long) c.value();
                }
            }
        }
        double up = scrape.value(UP);
        double uptime = scrape.value(UPTIME);
        long leases = (long) scrape.value(LEASES);
        StringBuilder out = new StringBuilder();
        out.append("v6mostly dhcp4 at ").append(source).append(": ").append(up == 1 ? "up" : "state unknown");
        if (uptime >= 0) {
            out.append(", uptime ").append((long) uptime).append('s');
        }
        if (leases >= 0) {
            out.append(", ").append(leases).append(" active lease(s)");
        }
        out.append('\n').append("counters (").append(MESSAGES).append(")\n");
        int width = counters.entrySet().stream().filter(c -> all || c.getValue() != 0)
                .mapToInt(c -> c.getKey().length()).max().orElse(1);
        boolean any = false;
        for (Map.Entry<String, Long> c : counters.entrySet()) {
            if (all || c.getValue() != 0) {
                any = true;
                out.append(String.format(Locale.ROOT, "  %-" + width + "s  %-8d %s%n", c.getKey(), c.getValue(),
                        StatsText.explanation(c.getKey(), Dhcp4Stat.class)).stripTrailing()).append('\n');
            }
        }
        if (!any) {
            out.append("  (all zero; --all lists them)\n");
        }
        out.append("adoption (RFC 8925 option 108)\n");
        for (Map.Entry<String, long[]> a : adoption.entrySet()) {
            out.append("  ").append(new Adoption(a.getKey(), a.getValue()[0], a.getValue()[1], a.getValue()[2])).append('\n');
        }
        return out.toString();
    }
}
