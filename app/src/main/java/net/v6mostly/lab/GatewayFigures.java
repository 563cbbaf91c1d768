package net.v6mostly.lab;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's own figures after the devices ran (draft-ietf-v6ops-6mops: adoption as the share
 * of IPv6-only clients, leases, NAT64 sessions, mapping log lines), read from its Prometheus
 * endpoint and its log, and checked against what the lab knows the LAN did.
 */
public final class GatewayFigures {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)\\})?\\s+(\\S+)$");

    private final Shell sh;
    private final Toolbox tools;
    private final LabReport report;

    public GatewayFigures(Shell sh, Toolbox tools, LabReport report) {
        this.sh = sh;
        this.tools = tools;
        this.report = report;
    }

    /** Samples of a Prometheus text exposition: "name{labels}" (labels as written) to value. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line.strip());
            if (line.startsWith("#") || !m.matches()) {
                continue;
            }
            try {
                samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(4)));
            } catch (NumberFormatException ignored) {
                // not a sample value
            }
        }
        return samples;
    }

    /** Fetches {@code http://endpoint/metrics} from inside {@code ns}; empty text when it cannot. */
    String fetch(String ns, String endpoint) {
        List<String> cmd = tools.has(Toolbox.Tool.CURL)
                ? Shell.in(ns, "curl", "-sS", "-m", "5", "http://" + endpoint + "/metrics")
                : SelfCommand.in(ns, "lab-probe", "http", "http://" + endpoint + "/metrics");
        Shell.Result r = sh.run(20, cmd);
        return r.ok() ? r.out() : "";
    }

    /**
     * Reports the adoption figures of the LAN subnet and checks them: the IPv6-only clients must be
     * the devices that took option 108, the IPv4 leases those that did not ask (RFC 8925 §3.2).
     */
    public void adoption(String ns, String endpoint, String subnet, int expectIpv6Only, int expectLeased) {
        String text = fetch(ns, endpoint);
        if (text.isEmpty()) {
            report.add(Check.fail("gateway", "metrics endpoint answers", "nothing from http://" + endpoint + "/metrics"));
            return;
        }
        Map<String, Double> m = parse(text);
        double v6 = m.getOrDefault("v6mostly_dhcp4_adoption_clients{subnet=\"" + subnet + "\",kind=\"ipv6_only\"}", -1.0);
        double v4 = m.getOrDefault("v6mostly_dhcp4_adoption_clients{subnet=\"" + subnet + "\",kind=\"ipv4_leased\"}", -1.0);
        double leases = m.getOrDefault("v6mostly_dhcp4_active_leases", -1.0);
        report.figure("IPv6-only clients (" + subnet + ")", fmt(v6));
        report.figure("IPv4-leased clients (" + subnet + ")", fmt(v4));
        report.figure("IPv6-only share (" + subnet + ")", v6 + v4 > 0
                ? String.format(Locale.ROOT, "%.0f %%", 100 * v6 / (v6 + v4)) : "n/a");
        report.figure("active DHCPv4 leases", fmt(leases));
        boolean ok = v6 == expectIpv6Only && v4 == expectLeased;
        String what = "IPv6-only share matches the LAN";
        String detail = fmt(v6) + " IPv6-only / " + fmt(v4) + " leased; the lab expects " + expectIpv6Only + " / " + expectLeased;
        report.add(ok ? Check.pass("gateway", what, detail) : Check.fail("gateway", what, detail));
    }

    /**
     * Reports the NAT64's tables and mapping log, and checks the question an abuse request asks
     * (draft-ietf-v6ops-6mops, RFC 6888 REQ-12): the log has a {@code bib-create} line naming the
     * IPv6-only device's address with the pool4 address and port it was given.
     */
    public void nat64(String ns, String endpoint, Path gatewayLog, String ipv6OnlyDevice, String deviceAddress) {
        Map<String, Double> m = parse(fetch(ns, endpoint));
        report.figure("NAT64 BIB entries", fmt(sum(m, "v6mostly_nat64_bib_entries{")));
        report.figure("NAT64 sessions", fmt(sum(m, "v6mostly_nat64_sessions{")));
        List<String> creates = LanDevices.read(gatewayLog).lines().filter(l -> l.contains(" bib-create ")).toList();
        report.figure("NAT64 mapping log lines", Long.toString(
                LanDevices.read(gatewayLog).lines().filter(l -> l.contains(" bib-create ") || l.contains(" bib-delete ")).count()));
        if (deviceAddress == null) {
            return;
        }
        String what = "mapping log names " + ipv6OnlyDevice + "'s address";
        creates.stream().filter(l -> l.contains("src6=\"" + deviceAddress + "\"")).findFirst().ifPresentOrElse(
                l -> report.add(Check.pass("gateway", what, l.substring(l.indexOf("bib-create")))),
                () -> report.add(Check.fail("gateway", what, "no bib-create line with src6=\"" + deviceAddress + "\" among "
                        + creates.size() + " (" + gatewayLog + ")")));
    }

    private static double sum(Map<String, Double> samples, String prefix) {
        double total = -1;
        for (var e : samples.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                total = Math.max(total, 0) + e.getValue();
            }
        }
        return total;
    }

    private static String fmt(double v) {
        return v < 0 ? "missing" : Long.toString((long) v);
    }
}
