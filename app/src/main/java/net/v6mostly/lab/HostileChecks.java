package net.v6mostly.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What {@code lab --hostile} checks about the gateway and the CLAT (issue 15, DESIGN §6): every
 * component still runs, no input reached an unexpected exception, and each kind of hostile input
 * was counted under a drop counter that names it. Every check says which counter it read and by
 * how much it grew; the families read are the constants below, always with their {@code drop="true"}
 * samples.
 */
final class HostileChecks {
    static final String DHCP = "v6mostly_dhcp4_messages_total";
    static final String RA = "v6mostly_ra_events_total";
    static final String DNS64 = "v6mostly_dns64_queries_total";
    static final String NAT64 = "v6mostly_nat64_packets_total";
    static final String NAT64_XLAT = "v6mostly_nat64_xlat_total";
    static final String CLAT = "v6mostly_clat_events_total";
    static final String COMPONENT_UP = "v6mostly_component_up";
    static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    private final LabReport report;
    private final LabGateway gateway;
    private final LabClat clat;

    HostileChecks(LabReport report, LabGateway gateway, LabClat clat) {
        this.report = report;
        this.gateway = gateway;
        this.clat = clat;
    }

    /**
     * The RFC 3396 client identifier: a drop counter grew and no ACK did (the REQUEST is a SELECTING
     * one, so an ACK means the server bound it; OFFERs are left out: the IPv6-only device's dhcpcd
     * may be answered an OFFER with option 108 at any time).
     */
    void clientIdentifier(Metrics before, Metrics after) {
        String what = "DHCPv4 counts the 765-octet client identifier (RFC 3396) as a drop";
        if (after.isEmpty()) {
            report.add(Check.fail("gateway", what, "the metrics endpoint does not answer"));
            return;
        }
        Map<String, Double> grown = Metrics.grown(before.family(DHCP, "event"), after.family(DHCP, "event"));
        Map<String, Double> drops = Metrics.grown(before.drops(DHCP, "event"), after.drops(DHCP, "event"));
        boolean answered = grown.keySet().stream().anyMatch(k -> k.startsWith("ACK_"));
        String detail = DHCP + ": " + Metrics.show(grown);
        report.add(!drops.isEmpty() && !answered ? Check.pass("gateway", what, detail)
                : Check.fail("gateway", what, detail + (answered ? " (the server answered it)" : " (no drop counter grew)")));
    }

    /** The PREF64 with a non-zero u octet: the CLAT still runs on the gateway's prefix and counted a drop. */
    void pref64(Metrics before, Metrics after) {
        String what = "CLAT survives an RA whose PREF64 has a non-zero u octet (RFC 6052 §2.2)";
        if (after == null) {
            report.add(Check.fail("v6only", what, "no CLAT ran"));
            return;
        }
        String down = clatDown(after);
        Map<String, Double> drops = Metrics.grown(before.drops(CLAT, "event"), after.drops(CLAT, "event"));
        String name = clat.device().name();
        if (down != null) {
            report.add(Check.fail(name, what, down));
        } else {
            report.add(drops.isEmpty() ? Check.fail(name, what, "runs, but no drop counter of " + CLAT + " grew")
                    : Check.pass(name, what, "on with " + LabPlan.PREF64 + "; " + CLAT + ": " + Metrics.show(drops)));
        }
    }

    /** The forbidden destinations: at least as many NAT64 drops as packets sent, so none was translated. */
    void forbidden(Metrics before, Metrics after, Map<String, Long> sent) {
        String what = "NAT64 drops every packet toward 127.0.0.1, 224.0.0.1, 255.255.255.255, 0.0.0.1, 240.0.0.1";
        long total = sent.values().stream().mapToLong(Long::longValue).sum();
        if (after.isEmpty()) {
            report.add(Check.fail("gateway", what, "the metrics endpoint does not answer"));
            return;
        }
        Map<String, Double> exits = Metrics.grown(before.family(NAT64, "exit"), after.family(NAT64, "exit"));
        Map<String, Double> drops = Metrics.grown(before.drops(NAT64, "exit"), after.drops(NAT64, "exit"));
        Map<String, Double> xlat = Metrics.grown(before.drops(NAT64_XLAT, "exit"), after.drops(NAT64_XLAT, "exit"));
        String detail = total + " sent; " + NAT64 + ": " + Metrics.show(exits) + "; " + NAT64_XLAT + " drops: "
                + Metrics.show(xlat);
        report.add(total > 0 && Metrics.sum(drops) >= total ? Check.pass("gateway", what, detail)
                : Check.fail("gateway", what, detail));
    }

    /** After the storm: components alive, the CLAT on, no internal errors, each kind of input counted. */
    void afterStorm(Metrics gwBefore, Metrics gw, Metrics clatBefore, Metrics clatAfter, Map<String, Long> sent) {
        componentsAlive(gw);
        internalErrors("gateway", gw);
        counted("gateway", "counts the DHCPv4 garbage to port 67", sent, "dhcp-garbage", DHCP, "event", gwBefore, gw,
                k -> true, List.of());
        counted("gateway", "counts the RS garbage (RFC 4861 §6.1.1)", sent, "rs-garbage", RA, "event", gwBefore, gw,
                k -> k.startsWith("RS_"), List.of("RS_BAD_HOP_LIMIT", "RS_BAD_CODE", "RS_TOO_SHORT", "RS_BAD_OPTION_LENGTH"));
        counted("gateway", "counts the malformed DNS queries (UDP and TCP)", sent, "dns-garbage-", DNS64, "event",
                gwBefore, gw, k -> k.startsWith("MALFORMED_"), List.of());
        counted("gateway", "refuses DNS queries from outside allow-clients", sent, "dns-query-from-link-local", DNS64,
                "event", gwBefore, gw, k -> k.startsWith("REFUSED"), List.of());
        counted("gateway", "bounds the trickling DNS-over-TCP clients", sent, "dns-tcp-trickle-connections", DNS64,
                "event", gwBefore, gw, k -> k.startsWith("TCP_"), List.of());
        counted("gateway", "counts the malformed IPv6 packets into the NAT64", sent, "nat64-", NAT64, "exit", gwBefore,
                gw, k -> true, List.of("MALFORMED_64"));
        String name = clat == null ? "v6only" : clat.device().name();
        String what = "CLAT still runs with the gateway's PREF64 (after the attack)";
        String down = clatAfter == null ? "no CLAT ran" : clatDown(clatAfter);
        report.add(down == null ? Check.pass(name, what, "v6mostly_clat_on 1, v6mostly_clat_info prefix " + LabPlan.PREF64)
                : Check.fail(name, what, down));
        String fuzzed = "CLAT counts the fuzzed RAs it cannot use";
        if (down != null) {
            report.add(Check.fail(name, "no input reached an unexpected exception (" + INTERNAL_ERROR + " 0)", down));
            report.add(Check.fail(name, fuzzed, down));
            return;
        }
        internalErrors(name, clatAfter);
        counted(name, fuzzed, sent, "ra-fuzzed", CLAT, "event", clatBefore, clatAfter, k -> k.startsWith("RA_"),
                List.of("RA_BAD_HOP_LIMIT", "RA_NOT_LINK_LOCAL", "RA_MALFORMED"));
    }

    private void componentsAlive(Metrics m) {
        String what = "every component is alive (after the attack)";
        if (m.isEmpty()) {
            report.add(Check.fail("gateway", what, "the metrics endpoint does not answer; process "
                    + (gateway.alive() ? "alive" : "gone")));
            return;
        }
        Map<String, Double> up = m.family(COMPONENT_UP, "component");
        List<String> parts = new ArrayList<>();
        boolean ok = gateway.alive();
        if (!up.isEmpty()) {
            for (var e : up.entrySet()) {
                parts.add(e.getKey() + " " + (long) (double) e.getValue());
                ok &= e.getValue() == 1;
            }
            report.add(new Check("gateway", what, ok, COMPONENT_UP + ": " + String.join(", ", parts)
                    + (gateway.alive() ? "" : "; the gateway process is gone")));
            return;
        }
        for (String gauge : List.of("v6mostly_gateway_up", "v6mostly_nat64_up", "v6mostly_dhcp4_up")) {
            double v = m.value(gauge);
            parts.add(gauge + " " + (v < 0 ? "missing" : Long.toString((long) v)));
            ok &= v == 1;
        }
        report.add(new Check("gateway", what, ok, COMPONENT_UP + " absent; " + String.join(", ", parts) + "; process "
                + (gateway.alive() ? "alive" : "gone")));
    }

    /** Every counter labelled INTERNAL_ERROR is 0: each hostile input met a named reason, not an exception. */
    private void internalErrors(String device, Metrics m) {
        Map<String, Double> errors = new LinkedHashMap<>();
        for (net.v6mostly.ops.Scrape.Sample s : m.samples()) {
            if (s.labels().containsValue(INTERNAL_ERROR) || s.name().contains("internal_error")) {
                errors.merge(s.name(), s.value(), Double::sum);
            }
        }
        String what = "no input reached an unexpected exception (" + INTERNAL_ERROR + " 0)";
        List<String> parts = new ArrayList<>();
        errors.forEach((k, v) -> parts.add(k + "{" + INTERNAL_ERROR + "} " + (long) (double) v));
        boolean ok = errors.values().stream().allMatch(v -> v == 0);
        report.add(new Check(device, what, ok, errors.isEmpty() ? "no " + INTERNAL_ERROR + " counter exposed"
                : String.join(", ", parts)));
    }

    /**
     * One kind of hostile input: the drop counters of {@code metric} that {@code relevant} selects
     * must have grown, each of {@code required} among them.
     */
    private void counted(String device, String what, Map<String, Long> sent, String sentPrefix, String metric,
            String label, Metrics before, Metrics after, Predicate<String> relevant, List<String> required) {
        long n = sent.entrySet().stream().filter(e -> e.getKey().startsWith(sentPrefix) && !e.getKey().contains("error"))
                .mapToLong(Map.Entry::getValue).sum();
        Map<String, Double> grown = new LinkedHashMap<>();
        Metrics.grown(before.drops(metric, label), after.drops(metric, label)).forEach((k, v) -> {
            if (relevant.test(k)) {
                grown.put(k, v);
            }
        });
        List<String> missing = required.stream().filter(r -> !grown.containsKey(r)).toList();
        String detail = n + " sent; " + metric + ": " + Metrics.show(grown)
                + (missing.isEmpty() ? "" : "; did not grow: " + String.join(", ", missing));
        report.add(n > 0 && !grown.isEmpty() && missing.isEmpty() ? Check.pass(device, what, detail)
                : Check.fail(device, what, detail));
    }

    /** Why the CLAT is not on with the gateway's PREF64, or null when it is. */
    private String clatDown(Metrics m) {
        if (!clat.alive()) {
            return "the CLAT process exited: " + clat.logReason();
        }
        if (m.isEmpty()) {
            return "its metrics endpoint does not answer";
        }
        if (m.value("v6mostly_clat_on") != 1) {
            return "stepped aside: " + m.label("v6mostly_clat_info", "reason_text");
        }
        String prefix = m.label("v6mostly_clat_info", "prefix");
        return LabPlan.PREF64.equals(prefix) ? null : "uses PREF64 " + prefix + ", not the gateway's " + LabPlan.PREF64;
    }
}
