package net.v6mostly.lab;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.v6mostly.addr.Ipv4;
import net.v6mostly.ops.Dhcp4Metrics;
import net.v6mostly.ops.MappingLogIndex;
import net.v6mostly.ops.Scrape;

/**
 * The gateway's own figures after the devices ran (draft-ietf-v6ops-6mops: adoption as the share
 * of IPv6-only clients, leases, NAT64 sessions, mapping log lines), read from its Prometheus
 * endpoint ({@link Scrape}) and its log, and checked against what the lab knows the LAN did.
 */
public final class GatewayFigures {
    private static final Pattern TIME = Pattern.compile("<\\d+>1 (\\S+) ");
    private static final Pattern POOL4_PORT = Pattern.compile("pool4=\"([0-9.]+)\" port4=\"(\\d+)\"");

    private final Shell sh;
    private final Toolbox tools;
    private final LabReport report;

    public GatewayFigures(Shell sh, Toolbox tools, LabReport report) {
        this.sh = sh;
        this.tools = tools;
        this.report = report;
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
        Scrape m = Scrape.parse(text);
        double v6 = m.value(Dhcp4Metrics.CLIENTS, "subnet", subnet, "kind", "ipv6_only");
        double v4 = m.value(Dhcp4Metrics.CLIENTS, "subnet", subnet, "kind", "ipv4_leased");
        double leases = m.value(Dhcp4Metrics.LEASES);
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
     * Reports the NAT64's tables and mapping log, and asks the question an abuse request asks
     * (draft-ietf-v6ops-6mops, RFC 6888 REQ-12) the way an operator would, with the logic of
     * {@code v6mostly nat64 lookup}: the pool4 address and port of the IPv6-only device's
     * {@code bib-create} line, looked up in the whole log at that line's time, must name that device
     * and no other.
     */
    public void nat64(String ns, String endpoint, Path gatewayLog, String ipv6OnlyDevice, String deviceAddress) {
        Scrape m = Scrape.parse(fetch(ns, endpoint));
        report.figure("NAT64 BIB entries", fmt(m.sum("v6mostly_nat64_bib_entries")));
        report.figure("NAT64 sessions", fmt(m.sum("v6mostly_nat64_sessions")));
        List<String> creates = LanDevices.read(gatewayLog).lines().filter(l -> l.contains(" bib-create ")).toList();
        report.figure("NAT64 mapping log lines", Long.toString(
                LanDevices.read(gatewayLog).lines().filter(l -> l.contains(" bib-create ") || l.contains(" bib-delete ")).count()));
        if (deviceAddress == null) {
            return;
        }
        String what = "mapping log names " + ipv6OnlyDevice + "'s address";
        String line = creates.stream().filter(l -> l.contains("src6=\"" + deviceAddress + "\"")).findFirst().orElse(null);
        if (line == null) {
            report.add(Check.fail("gateway", what, "no bib-create line with src6=\"" + deviceAddress + "\" among "
                    + creates.size() + " (" + gatewayLog + ")"));
            return;
        }
        Matcher f = POOL4_PORT.matcher(line);
        if (!f.find()) {
            report.add(Check.fail("gateway", what, "unreadable: " + line));
            return;
        }
        MappingLogIndex index = new MappingLogIndex(Ipv4.parse(f.group(1)));
        LanDevices.read(gatewayLog).lines().forEach(index::add);
        Matcher t = TIME.matcher(line);
        Instant when = t.find() ? Instant.parse(t.group(1)) : Instant.now();
        List<MappingLogIndex.Mapping> who = index.find(Integer.parseInt(f.group(2)), null, when, 0);
        String answer = "lookup " + f.group(1) + ":" + f.group(2) + " at " + when + ": " + who.stream()
                .map(MappingLogIndex.Mapping::src6).distinct().toList();
        boolean named = !who.isEmpty() && who.stream().allMatch(x -> x.src6().equals(deviceAddress));
        report.add(named ? Check.pass("gateway", what, answer) : Check.fail("gateway", what, answer + ", expected only "
                + deviceAddress));
    }


    private static String fmt(double v) {
        return v < 0 ? "missing" : Long.toString((long) v);
    }
}
