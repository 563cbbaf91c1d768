package net.v6mostly.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code lab --hostile} (issue 15, "one packet must never stop a service"): a hostile host on the
 * LAN bridge ({@code hostile.py}, crafted Ethernet frames and real sockets, only lab addresses)
 * attacks the gateway and the CLAT while the well-behaved devices keep doing their checks.
 *
 * <p>Order: the single packets first, each alone so the counters that moved are its own (the
 * RFC 3396 client identifier, the PREF64 with a non-zero u octet, the forbidden IPv4 destinations
 * through the NAT64 prefix), then the storm (fuzzed RAs, RS, DHCP and DNS garbage, malformed IPv6
 * into the NAT64, trickling DNS-over-TCP) during which every device runs its checks again, then the
 * checks once more after it, and {@link HostileChecks} on what the gateway and the CLAT counted.
 */
final class HostileLan {
    /** The longest the storm may run (the trickle ends earlier, once the checks during it are done). */
    static final int STORM_SECONDS = 150;
    /**
     * The seed of the hostile host's random choices: fixed, so a run that fails can be repeated
     * packet for packet (the lab is the proof; Jazzer's fuzz targets are the search). The inputs a
     * run once found to raise INTERNAL_ERROR are sent in every run whatever the seed (hostile.py's
     * DNS_FOUND).
     */
    static final int SEED = 7;
    private static final Pattern SENT = Pattern.compile("hostile: (\\S+): sent (\\d+)");

    private final LabPlan plan;
    private final Shell sh;
    private final Toolbox tools;
    private final LabReport report;
    private final GatewayFigures figures;
    private final LabClat clat;
    private final HostileChecks checks;
    private List<String> base;
    private Metrics gatewayBefore;
    private Metrics clatBefore;

    HostileLan(LabPlan plan, Shell sh, Toolbox tools, LabReport report, GatewayFigures figures, LabGateway gateway,
            LabClat clat) {
        this.plan = plan;
        this.sh = sh;
        this.tools = tools;
        this.report = report;
        this.figures = figures;
        this.clat = clat;
        this.checks = new HostileChecks(report, gateway, clat);
    }

    /**
     * The whole attack and every check of it.
     *
     * @param states the configured devices
     * @param clatDevice the device whose CLAT is on, or null
     */
    void run(List<LanDevices.State> states, LanDevices.State clatDevice) {
        base = command();
        singlePacket("client-id", "one DHCPREQUEST whose client identifier is three option-61 instances of 255 octets"
                + " (RFC 3396)", this::afterClientId);
        singlePacket("bad-pref64", "one RA (router lifetime 0) whose PREF64 /96 has a non-zero u octet (RFC 6052 §2.2)",
                sent -> checks.pref64(clatBefore, clatDevice == null ? null : clat.metrics()));
        singlePacket("forbidden", "UDP, TCP and ICMPv6 to 127.0.0.1, 224.0.0.1, 255.255.255.255, 0.0.0.1 and"
                + " 240.0.0.1 through the NAT64 prefix", sent -> checks.forbidden(gatewayBefore, gateway(), sent));
        Metrics gwBefore = gateway();
        Metrics clatStormBefore = clatDevice == null ? null : clat.metrics();
        Probes probes = new Probes(sh, tools);
        Map<String, Long> sent = storm(states, clatDevice, probes);
        report.progress("checking what every device reaches after the attack");
        DeviceChecks after = new DeviceChecks(probes, report, " (after the attack)");
        for (LanDevices.State s : states) {
            after.run(s, s == clatDevice);
        }
        dhcpAnswers(" (after the attack)");
        checks.afterStorm(gwBefore, gateway(), clatStormBefore, clatDevice == null ? null : clat.metrics(), sent);
    }

    private void singlePacket(String phase, String what, java.util.function.Consumer<Map<String, Long>> check) {
        report.progress("hostile host: " + what);
        gatewayBefore = gateway();
        clatBefore = clat == null ? null : clat.metrics();
        // the hostile host's phases are bounded by the script itself; 60 s is the lab's own bound
        Shell.Result r = sh.run(60, with("--phase", phase));
        Map<String, Long> sent = sent(r.out());
        report.setup("hostile", phase + ": " + (sent.isEmpty() ? "sent nothing: " + Probes.lastLine(r.out()) : show(sent)));
        LanDevices.sleep(1500); // the loops take it in
        check.accept(sent);
    }

    private void afterClientId(Map<String, Long> sent) {
        checks.clientIdentifier(gatewayBefore, gateway());
        dhcpAnswers(" (after the oversized client identifier)");
    }

    /** The storm, with the devices' checks during it; returns what the hostile host sent. */
    private Map<String, Long> storm(List<LanDevices.State> states, LanDevices.State clatDevice, Probes probes) {
        Path log = sh.dir().resolve("hostile-storm.log");
        Path stop = sh.dir().resolve("hostile-storm.stop");
        report.progress("hostile host: the storm (fuzzed RAs, RS, DHCP and DNS garbage, malformed IPv6 into the"
                + " NAT64, trickling DNS-over-TCP) while the devices check again");
        sh.start(log, with("--phase", "storm", "--seconds", Integer.toString(STORM_SECONDS), "--stop-file",
                stop.toString()));
        String started = LanDevices.waitFor(log, s -> s.contains("hostile: trickling") || s.contains("hostile: done")
                || s.contains("Error"), 60);
        if (!started.contains("hostile: trickling")) {
            report.add(Check.fail("hostile", "starts the storm", Probes.lastLine(started)));
        }
        DeviceChecks during = new DeviceChecks(probes, report, " (during the attack)");
        for (LanDevices.State s : states) {
            during.run(s, s == clatDevice);
            if (s.device().kind() == Device.Kind.IPV6_ONLY && s.ipv6() != null) {
                during.dnsOverTcp(s);
            }
        }
        try {
            Files.writeString(stop, "stop\n");
        } catch (IOException e) {
            throw new LabException("cannot write " + stop + ": " + e.getMessage());
        }
        String done = LanDevices.waitFor(log, s -> s.contains("hostile: done"), STORM_SECONDS + 30);
        Map<String, Long> sent = sent(done);
        report.setup("hostile", "storm: " + show(sent));
        if (!done.contains("hostile: done")) {
            report.add(Check.fail("hostile", "ends the storm in time", Probes.lastLine(done)));
        }
        return sent;
    }

    /**
     * A real client asks again: busybox udhcpc in the IPv4-only device's namespace, once, with a
     * hook that applies nothing (the device keeps its lease); passes when the server answers.
     */
    private void dhcpAnswers(String when) {
        Device v4 = plan.devices().stream().filter(d -> d.kind() == Device.Kind.IPV4_ONLY).findFirst().orElseThrow();
        String what = "DHCPv4 still answers" + when;
        if (!tools.has(Toolbox.Tool.UDHCPC)) {
            report.add(Check.fail(v4.name(), what, "udhcpc is missing: the hostile lab asks with it"));
            return;
        }
        Path hook = sh.dir().resolve("hostile-udhcpc-ask.sh");
        Path events = sh.dir().resolve("hostile-udhcpc-ask.events");
        write(hook, "#!/bin/sh\n# v6mostly lab --hostile: note the answer, apply nothing\necho \"$1 ip=$ip\" >> " + events + "\n");
        hook.toFile().setExecutable(true);
        write(events, "");
        Shell.Result r = sh.run(30, Shell.in(v4.ns(), "udhcpc", "-n", "-q", "-f", "-i", v4.iface(), "-s", hook.toString(),
                "-t", "4", "-T", "2", "-x", "hostname:" + v4.name()));
        Matcher m = Pattern.compile("bound ip=(\\S+)").matcher(LanDevices.read(events));
        report.add(r.ok() && m.find() ? Check.pass(v4.name(), what, "udhcpc: lease of " + m.group(1) + " offered and acknowledged")
                : Check.fail(v4.name(), what, "udhcpc: " + Probes.lastLine(r.out())));
    }

    private Metrics gateway() {
        return Metrics.parse(figures.fetch(plan.gatewayNs(), LabGateway.METRICS));
    }

    /** {@code ip netns exec hostile python3 hostile.py} with the lab's addresses. */
    private List<String> command() {
        Path script = sh.dir().resolve("hostile.py");
        try (InputStream in = HostileLan.class.getResourceAsStream("hostile.py")) {
            if (in == null) {
                throw new LabException("hostile.py is missing from the application's resources");
            }
            Files.write(script, in.readAllBytes());
        } catch (IOException e) {
            throw new LabException("cannot write " + script + ": " + e.getMessage());
        }
        String python = Shell.has("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        if (!Shell.has(python)) {
            throw new LabException("--hostile needs python3 (Debian package python3) for the hostile host");
        }
        Matcher mac = Pattern.compile("link/ether ([0-9a-f:]{17})")
                .matcher(sh.must("ip", "-n", plan.gatewayNs(), "-o", "link", "show", "lan-br"));
        if (!mac.find()) {
            throw new LabException("no hardware address on the gateway's lan-br");
        }
        Device h = plan.hostileHost();
        String pref64 = LabPlan.PREF64.substring(0, LabPlan.PREF64.indexOf('/'));
        return Shell.in(h.ns(), python, script.toString(), "--iface", h.iface(), "--gw-mac", mac.group(1),
                "--gw4", LabPlan.LAN_GW4, "--gw6", LabPlan.LAN_GW6, "--me4", LabPlan.HOSTILE4, "--me6", LabPlan.HOSTILE6,
                "--pref64", pref64, "--target4", LabPlan.WEB4, "--server-id", LabPlan.LAN_GW4,
                "--requested", "192.0.2.199", "--seed", Integer.toString(SEED));
    }

    private List<String> with(String... args) {
        List<String> cmd = new ArrayList<>(base);
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The "hostile: KIND: sent N" lines. */
    static Map<String, Long> sent(String out) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Matcher m = SENT.matcher(out);
        while (m.find()) {
            counts.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return counts;
    }

    private static String show(Map<String, Long> sent) {
        List<String> parts = new ArrayList<>();
        sent.forEach((k, v) -> parts.add(k + " " + v));
        return String.join(", ", parts);
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new LabException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
