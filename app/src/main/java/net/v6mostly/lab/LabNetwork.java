package net.v6mostly.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds and removes the lab's namespaces and links ({@link LabPlan} has the picture). Everything
 * the lab creates lives in namespaces whose names start with {@code v6lab<tag>-}, so removal
 * never touches anything else: it kills the processes inside them and deletes them.
 */
public final class LabNetwork {
    private final LabPlan plan;
    private final Shell sh;

    public LabNetwork(LabPlan plan, Shell sh) {
        this.plan = plan;
        this.sh = sh;
    }

    /** Creates every namespace and link; the LAN devices' interfaces stay unconfigured. */
    public void build() {
        removeAll(); // leftovers of a lab that was killed with SIGKILL
        for (String ns : plan.namespaces()) {
            sh.must("ip", "netns", "add", ns);
            ip(ns, "link", "set", "lo", "up");
            sysctl(ns, "net.ipv6.conf.all.accept_dad", "0");
            sysctl(ns, "net.ipv6.conf.default.accept_dad", "0");
        }
        String inet = plan.internetNs();
        String gw = plan.gatewayNs();
        sh.must("ip", "link", "add", "up-gw", "netns", gw, "type", "veth", "peer", "name", "up-inet", "netns", inet);
        ip(inet, "link", "set", "up-inet", "up");
        ip(gw, "link", "set", "up-gw", "up");
        for (String a : List.of(LabPlan.INET_UP4, LabPlan.WEB4, LabPlan.DNS4)) {
            ip(inet, "addr", "add", a + "/24", "dev", "up-inet");
        }
        for (String a : List.of(LabPlan.INET_UP6, LabPlan.WEB6, LabPlan.DNS6)) {
            ip(inet, "addr", "add", a + "/64", "dev", "up-inet", "nodad");
        }
        // the internet reaches the LAN's leased IPv4 addresses, pool4 and the LAN /64 through the gateway
        ip(inet, "route", "add", "192.0.2.0/24", "via", LabPlan.GW_UP4);
        ip(inet, "route", "add", LabPlan.POOL4, "via", LabPlan.GW_UP4);
        ip(inet, "-6", "route", "add", LabPlan.LAN_PREFIX6, "via", LabPlan.GW_UP6);

        ip(gw, "addr", "add", LabPlan.GW_UP4 + "/24", "dev", "up-gw");
        ip(gw, "addr", "add", LabPlan.GW_UP6 + "/64", "dev", "up-gw", "nodad");
        ip(gw, "link", "add", "lan-br", "type", "bridge", "mcast_snooping", "0");
        ip(gw, "link", "set", "lan-br", "up");
        ip(gw, "addr", "add", LabPlan.LAN_GW4 + "/24", "dev", "lan-br");
        ip(gw, "addr", "add", LabPlan.LAN_GW6 + "/64", "dev", "lan-br", "nodad");
        sysctl(gw, "net.ipv4.ip_forward", "1");
        sysctl(gw, "net.ipv6.conf.all.forwarding", "1");

        for (Device d : plan.lanHosts()) {
            String peer = "p-" + d.name();
            sh.must("ip", "link", "add", d.iface(), "netns", d.ns(), "type", "veth", "peer", "name", peer, "netns", gw);
            ip(gw, "link", "set", peer, "master", "lan-br");
            ip(gw, "link", "set", peer, "up");
            if (d.kind() == Device.Kind.IPV4_ONLY || d.kind() == Device.Kind.PRINTER) {
                sysctl(d.ns(), "net.ipv6.conf.all.disable_ipv6", "1");
                sysctl(d.ns(), "net.ipv6.conf.default.disable_ipv6", "1");
                sysctl(d.ns(), "net.ipv6.conf." + d.iface() + ".disable_ipv6", "1");
            }
            if (d.kind() == Device.Kind.HOSTILE) {
                // its own fixed addresses; it takes nothing from RAs (it sends thousands of them)
                sysctl(d.ns(), "net.ipv6.conf.all.accept_ra", "0");
                sysctl(d.ns(), "net.ipv6.conf.default.accept_ra", "0");
                sysctl(d.ns(), "net.ipv6.conf." + d.iface() + ".accept_ra", "0");
                ip(d.ns(), "addr", "add", LabPlan.HOSTILE6 + "/64", "dev", d.iface(), "nodad");
            }
            ip(d.ns(), "link", "set", d.iface(), "up");
            if (d.staticIpv4() != null) {
                ip(d.ns(), "addr", "add", d.staticIpv4() + "/24", "dev", d.iface());
                ip(d.ns(), "route", "add", "default", "via", LabPlan.LAN_GW4);
            }
        }
    }

    /** Writes the resolver a device learned, for the programs run inside its namespace (ip-netns(8)). */
    public void setResolver(String ns, List<String> servers) {
        try {
            Path dir = Path.of("/etc/netns", ns);
            Files.createDirectories(dir);
            StringBuilder text = new StringBuilder("# written by v6mostly lab\n");
            servers.forEach(s -> text.append("nameserver ").append(s).append('\n'));
            Files.writeString(dir.resolve("resolv.conf"), text);
        } catch (java.io.IOException e) {
            throw new LabException("cannot write /etc/netns/" + ns + "/resolv.conf: " + e.getMessage());
        }
    }

    /**
     * Kills every process in the lab's namespaces, deletes them and their {@code /etc/netns}
     * folders. Safe to call at any time and more than once.
     */
    public void removeAll() {
        List<String> ours = new ArrayList<>();
        String prefix = "v6lab" + plan.tag() + "-";
        for (String line : sh.run(10, "ip", "netns", "list").out().split("\n")) {
            String name = line.strip().split(" ")[0];
            if (name.startsWith(prefix)) {
                ours.add(name);
            }
        }
        for (String ns : ours) {
            for (String pid : sh.run(10, "ip", "netns", "pids", ns).out().split("\\s+")) {
                if (pid.matches("\\d+")) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
        for (String ns : ours) {
            sh.run(10, "ip", "netns", "del", ns);
            deleteTree(Path.of("/etc/netns", ns));
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // best effort: /etc/netns/<ns> holds only our resolv.conf
        }
    }

    private void ip(String ns, String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", ns));
        cmd.addAll(List.of(args));
        sh.must(cmd);
    }

    private void sysctl(String ns, String key, String value) {
        sh.must(Shell.in(ns, "sysctl", "-q", "-w", key + "=" + value));
    }
}
