package net.v6mostly.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brings the LAN devices up with their own real clients, the way such devices configure
 * themselves on an IPv6-mostly network, and records how: busybox udhcpc for the IPv4-only device
 * (it never asks for option 108), dhcpcd without option 108 plus kernel SLAAC for the dual-stack
 * device, dhcpcd asking for option 108 (RFC 8925 §3.2) plus kernel SLAAC for IPv6-only devices.
 */
public final class LanDevices {
    private static final Pattern LEASE = Pattern.compile("bound ip=(\\S+) router=(\\S*) dns=(\\S*)");
    private static final Pattern V6ONLY = Pattern.compile("IPv6-Only Preferred received \\((\\d+) seconds\\)");
    private static final Pattern RDNSS = Pattern.compile("Recursive DNS server\\s*:\\s*(\\S+)");

    private final Shell sh;
    private final LabNetwork net;
    private final Toolbox tools;
    private final LabReport report;
    private final String fallbackDns;

    public LanDevices(Shell sh, LabNetwork net, Toolbox tools, LabReport report, String fallbackDns) {
        this.sh = sh;
        this.net = net;
        this.tools = tools;
        this.report = report;
        this.fallbackDns = fallbackDns;
    }

    /** What a device ended up with: enough for its checks. */
    public record State(Device device, String ipv4, String ipv6, List<String> dns, boolean gotOption108) {
    }

    /** Starts the device's DHCPv4 client in the background (the printer has a fixed address). */
    public void start(Device d) {
        switch (d.kind()) {
            case IPV4_ONLY -> {
                if (tools.has(Toolbox.Tool.UDHCPC)) {
                    startUdhcpc(d);
                } else {
                    startDhcpcd(d, false);
                }
            }
            case DUAL_STACK -> startDhcpcd(d, false);
            case IPV6_ONLY -> startDhcpcd(d, true);
            case PRINTER, HOSTILE -> { }
        }
    }

    private void startUdhcpc(Device d) {
        Path events = events(d);
        Path script = sh.dir().resolve(d.name() + "-udhcpc.sh");
        write(script, """
                #!/bin/sh
                # busybox udhcpc hook of v6mostly lab: apply the lease and note what came
                case "$1" in bound|renew)
                    ip addr replace "$ip/$subnet" dev "$interface"
                    [ -n "$router" ] && ip route replace default via "${router%% *}" dev "$interface"
                    echo "bound ip=$ip router=${router%% *} dns=${dns%% *} lease=$lease" >> %s ;;
                esac
                """.formatted(events));
        script.toFile().setExecutable(true);
        sh.start(log(d), Shell.in(d.ns(), "udhcpc", "-f", "-i", d.iface(), "-s", script.toString(), "-t", "10", "-T", "3",
                "-x", "hostname:" + d.name()));
    }

    private void startDhcpcd(Device d, boolean ask108) {
        Path conf = sh.dir().resolve(d.name() + "-dhcpcd.conf");
        write(conf, (ask108 ? "option ipv6_only_preferred\n" : "") + "noipv4ll\nnohook resolv.conf\nhostname " + d.name() + "\n");
        Path hook = sh.dir().resolve(d.name() + "-dhcpcd-hook.sh");
        write(hook, """
                #!/bin/sh
                # dhcpcd hook of v6mostly lab: note the lease dhcpcd applied
                case "$reason" in BOUND|REBOOT|RENEW|REBIND)
                    echo "bound ip=$new_ip_address router=${new_routers%% *} dns=${new_domain_name_servers%% *}" >> %s ;;
                esac
                """.formatted(events(d)));
        hook.toFile().setExecutable(true);
        sh.start(log(d), Shell.in(d.ns(), "dhcpcd", "-f", conf.toString(), "-c", hook.toString(), "-4", "-B", "-d",
                "--noarp", d.iface()));
    }

    /** Waits (bounded) until the device is configured; reports its set-up lines and one check. */
    public State awaitConfigured(Device d) {
        return switch (d.kind()) {
            case PRINTER -> {
                report.setup(d.name(), "static " + d.staticIpv4() + "/24, default via " + LabPlan.LAN_GW4
                        + ", IPv6 off, a web page on port 80");
                yield new State(d, d.staticIpv4(), null, List.of(), false);
            }
            case IPV4_ONLY -> awaitLease(d);
            case DUAL_STACK -> {
                State v4 = awaitLease(d);
                String v6 = awaitSlaac(d);
                yield new State(d, v4.ipv4(), v6, v4.dns(), false);
            }
            case IPV6_ONLY -> awaitIpv6Only(d);
            case HOSTILE -> new State(d, d.staticIpv4(), LabPlan.HOSTILE6, List.of(), false);
        };
    }

    private State awaitLease(Device d) {
        String client = d.kind() == Device.Kind.IPV4_ONLY && tools.has(Toolbox.Tool.UDHCPC) ? "udhcpc" : "dhcpcd";
        String ev = waitFor(events(d), s -> LEASE.matcher(s).find(), 60);
        Matcher m = LEASE.matcher(ev);
        if (!m.find()) {
            report.add(Check.fail(d.name(), "gets a DHCPv4 lease", client + " got none in 60 s: " + tail(log(d))));
            return new State(d, null, null, List.of(), false);
        }
        String ip = m.group(1);
        List<String> dns = m.group(3).isEmpty() ? List.of() : List.of(m.group(3));
        report.setup(d.name(), client + ": DHCPv4 lease " + ip + ", router " + m.group(2) + ", DNS " + m.group(3)
                + " (did not ask for option 108)");
        net.setResolver(d.ns(), dns);
        report.add(Check.pass(d.name(), "gets a DHCPv4 lease", ip));
        return new State(d, ip, null, dns, false);
    }

    private State awaitIpv6Only(Device d) {
        String log = waitFor(log(d), s -> V6ONLY.matcher(s).find(), 60);
        Matcher m = V6ONLY.matcher(log);
        boolean got108 = m.find();
        String ipv4 = firstIpv4(d);
        if (got108 && ipv4 == null) {
            report.setup(d.name(), "dhcpcd: asked for option 108, got V6ONLY_WAIT " + m.group(1)
                    + " s, so no IPv4 (RFC 8925 §3.2)");
            report.add(Check.pass(d.name(), "drops IPv4 on option 108", "V6ONLY_WAIT " + m.group(1) + " s"));
        } else {
            report.add(Check.fail(d.name(), "drops IPv4 on option 108", got108 ? "has IPv4 " + ipv4 + " anyway"
                    : "dhcpcd saw no option 108 in 60 s: " + tail(log(d))));
        }
        String v6 = awaitSlaac(d);
        List<String> dns = rdnss(d);
        net.setResolver(d.ns(), dns);
        return new State(d, null, v6, dns, got108);
    }

    private String awaitSlaac(Device d) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String addr = null;
        while (addr == null && System.nanoTime() < end) {
            String out = sh.run(10, "ip", "-n", d.ns(), "-6", "-o", "addr", "show", "dev", d.iface(), "scope", "global").out();
            Matcher m = Pattern.compile("inet6 (2001:db8:1:[0-9a-f:]+)/64").matcher(out);
            if (m.find()) {
                addr = m.group(1);
            } else {
                sleep(300);
            }
        }
        String route = sh.run(10, "ip", "-n", d.ns(), "-6", "route", "show", "default").out().strip();
        if (addr == null) {
            report.add(Check.fail(d.name(), "configures IPv6 by SLAAC", "no address in " + LabPlan.LAN_PREFIX6 + " after 30 s"));
        } else {
            report.setup(d.name(), "kernel SLAAC: " + addr + "/64, " + (route.isEmpty() ? "no default route" : route));
            report.add(Check.pass(d.name(), "configures IPv6 by SLAAC", addr));
        }
        return addr;
    }

    /** The RDNSS the gateway's RA carries (RFC 8106), read with rdisc6; the configured address without it. */
    private List<String> rdnss(Device d) {
        if (!tools.has(Toolbox.Tool.RDISC6)) {
            report.setup(d.name(), "DNS " + fallbackDns + " (rdisc6 missing: the gateway's configured DNS64 address)");
            return List.of(fallbackDns);
        }
        String out = sh.run(15, Shell.in(d.ns(), "rdisc6", "-1", "-r", "3", "-w", "2000", d.iface())).out();
        Matcher m = RDNSS.matcher(out);
        List<String> dns = new ArrayList<>();
        while (m.find()) {
            dns.add(m.group(1));
        }
        report.setup(d.name(), dns.isEmpty() ? "the RA carries no RDNSS" : "RDNSS from the RA (RFC 8106): " + String.join(", ", dns));
        return dns;
    }

    private String firstIpv4(Device d) {
        Matcher m = Pattern.compile("inet (\\d+\\.\\d+\\.\\d+\\.\\d+)")
                .matcher(sh.run(10, "ip", "-n", d.ns(), "-4", "-o", "addr", "show", "dev", d.iface()).out());
        return m.find() ? m.group(1) : null;
    }

    private Path events(Device d) {
        return sh.dir().resolve(d.name() + "-dhcp.events");
    }

    Path log(Device d) {
        return sh.dir().resolve(d.name() + "-dhcp.log");
    }

    static String waitFor(Path file, Predicate<String> done, int seconds) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String text = "";
        while (System.nanoTime() < end) {
            text = read(file);
            if (done.test(text)) {
                return text;
            }
            sleep(200);
        }
        return read(file);
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    static String tail(Path file) {
        String[] lines = read(file).strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1];
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new LabException("cannot write " + file + ": " + e.getMessage());
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted");
        }
    }
}
