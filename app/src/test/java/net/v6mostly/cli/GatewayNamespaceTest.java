package net.v6mostly.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import net.v6mostly.ops.Scrape;

/**
 * {@code v6mostly gateway} on a LAN bridge in a network namespace with real clients, each in its
 * own namespace, and an "internet" namespace with an IPv4-only server and Unbound as the DNS64's
 * upstream:
 * <ul>
 * <li>an IPv4-only device (IPv6 disabled, busybox udhcpc) gets a lease and reaches the IPv4 server;</li>
 * <li>an IPv6-only-capable device (dhcpcd asking for option 108, kernel SLAAC) gets 108 and no
 * IPv4, an RA with PIO, PREF64 and RDNSS (the gateway's DNS64), and resolves an IPv4-only name to
 * a synthesized AAAA through that RDNSS;</li>
 * <li>a dual-stack device (udhcpc, kernel SLAAC) gets both;</li>
 * <li>the metrics endpoint's IPv6-only share matches (1 of 3), and SIGHUP keeps leases and figures;</li>
 * <li>cutting the DNS64's way to its upstream withdraws the signalling: the next RA carries PREF64
 * lifetime 0 and a new dhcpcd asking for 108 gets a lease without it; restoring the way restores
 * both; SIGTERM sends the final RA with router lifetime 0.</li>
 * <li>with {@code [nat64]}: the IPv6-only device fetches a page from an IPv4-only web server by
 * name (its resolver is the RDNSS, the gateway's DNS64) through the gateway's NAT64 with curl, and
 * pings the synthesized address; the server sees the pool4 address as source; the bib, sessions
 * and stats pages are served on the gateway's endpoint; SIGHUP keeps the sessions; taking the
 * NAT64's TUN down withdraws the signalling (PREF64 lifetime 0 in the next RA, a lease for a new
 * client asking for 108) and bringing it up restores both, and the NAT64 works again.</li>
 * </ul>
 * Root only; under {@code CI=true} a missing tool fails. Every wait is bounded; the namespaces are
 * deleted whatever happens.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class GatewayNamespaceTest {
    private static final String[] TOOLS = {"ip", "dhcpcd", "udhcpc", "dig", "unbound", "tshark", "rdisc6", "curl"};
    private final String id = Integer.toHexString(0x10000 + new Random().nextInt(0xEFFFF)).substring(1);
    private final String router = "v6m-gw-r-" + id;
    private final String internet = "v6m-gw-i-" + id;
    private final List<String> namespaces = new ArrayList<>();
    private Netns sh;
    private Path gatewayLog;
    private Process gateway;

    @TempDir
    Path dir;

    @BeforeEach
    void network() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to create network namespaces");
        sh = new Netns(dir);
        for (String tool : TOOLS) {
            boolean present = sh.run(10, "sh", "-c", "command -v " + tool).ok();
            if ("true".equals(System.getenv("CI"))) {
                assertThat(present).as(tool + " should have been installed by .ci/run").isTrue();
            }
            assumeTrue(present, "needs " + tool + " (see .ci/run)");
        }
        add(router);
        add(internet);
        // the "internet": an IPv4-only server that is also the DNS64's upstream resolver (Unbound)
        sh.ok(10, "ip", "link", "add", "up0", "netns", router, "type", "veth", "peer", "name", "i0", "netns", internet);
        ns(internet, "ip addr add 198.51.100.53/24 dev i0 && ip link set i0 up && ip link set lo up"
                + " && ip route add 192.0.2.0/24 via 198.51.100.1");
        ns(router, "sysctl -qw net.ipv4.ip_forward=1 && ip link set lo up && ip addr add 198.51.100.1/24 dev up0"
                + " && ip link set up0 up && ip link add br0 type bridge && sysctl -qw net.ipv6.conf.br0.accept_dad=0"
                + " && ip addr add 192.0.2.1/24 dev br0 && ip addr add 2001:db8:1::1/64 dev br0 nodad"
                + " && ip link set br0 up");
        for (int i = 1; i <= 4; i++) {
            String c = client(i);
            add(c);
            sh.ok(10, "ip", "link", "add", ifc(i), "netns", c, "type", "veth", "peer", "name", "p" + i, "netns", router);
            ns(router, "ip link set p" + i + " master br0 && ip link set p" + i + " up");
            if (i == 1) {   // the IPv4-only device
                ns(c, "sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1"
                        + " net.ipv6.conf." + ifc(1) + ".disable_ipv6=1");
            } else {        // kernel SLAAC from our RAs, without waiting for DAD
                ns(c, "sysctl -qw net.ipv6.conf." + ifc(i) + ".accept_ra=2 net.ipv6.conf." + ifc(i) + ".autoconf=1"
                        + " net.ipv6.conf." + ifc(i) + ".accept_dad=0");
            }
            ns(c, "ip link set lo up");
        }
        Path unboundConf = dir.resolve("unbound.conf");
        Files.writeString(unboundConf, LabConfigs.unbound("198.51.100.53", 53, dir, "0.0.0.0/0", """
                  local-zone: "example." static
                  local-data: "example. 3600 IN SOA ns.example. hostmaster.example. 1 3600 600 86400 60"
                  local-data: "v4only.example. 300 IN A 203.0.113.10"
                  local-zone: "ipv4only.arpa." static
                  local-data: "ipv4only.arpa. 3600 IN SOA ns.example. hostmaster.example. 1 3600 600 86400 60"
                  local-data: "ipv4only.arpa. 3600 IN A 192.0.0.170"
                  local-data: "ipv4only.arpa. 3600 IN A 192.0.0.171"
                """));
        sh.start(dir.resolve("unbound.log"), Netns.in(internet, "unbound", "-d", "-c", unboundConf.toString()));
        assertThat(Netns.waitFor(20, () -> out(Netns.in(internet, "dig", "+short", "+time=1", "+tries=1",
                "@198.51.100.53", "A", "v4only.example")).contains("203.0.113.10"))).as("unbound answers").isTrue();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (gateway != null && gateway.isAlive()) {
            gateway.destroy();
            if (!gateway.waitFor(15, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
            System.out.println("---- gateway log (test ended early)\n" + read(gatewayLog));
        }
        if (sh != null) {
            sh.stopAll();
        }
        for (String n : namespaces) {
            new ProcessBuilder("ip", "netns", "del", n).start().waitFor(10, TimeUnit.SECONDS);
        }
        for (int i = 1; i <= 4; i++) {   // dhcpcd keeps its lease in /var/lib/dhcpcd/<interface>.lease
            Files.deleteIfExists(Path.of("/var/lib/dhcpcd", ifc(i) + ".lease"));
            Files.deleteIfExists(Path.of("/etc/netns", client(i), "resolv.conf"));
            Files.deleteIfExists(Path.of("/etc/netns", client(i)));
        }
    }

    @Test
    void threeKindsOfDevicesMetricsAndHealthTiedSignalling() throws Exception {
        Path config = config();
        assertThat(out(v6mostly("check-config", "-c", config.toString()))).as("check-config in the router namespace")
                .contains(config + ": ok");

        // capture what the IPv6-only client sees, from before the first RA to the final one
        Path pcap = dir.resolve("c2.pcap");
        Process tshark = capture(pcap, "tshark.log", "icmp6 or udp port 67 or udp port 68");
        Path raWatch = watchRas("ras.log");

        startGateway(config, "gateway.log");
        for (int i = 1; i <= 3; i++) {
            ns(client(i), "ip link set " + ifc(i) + " up");
        }

        // 1. the IPv6-only-capable device: option 108 and no IPv4 (RFC 8925 §3.2)
        Path dhcpcdConf = dhcpcdConf("dhcpcd.conf");
        Path c2log = dhcpcd(dhcpcdConf, 2, "dhcpcd-c2.log", "IPv6-Only Preferred received",
                "dhcpcd gets option 108");
        assertThat(read(c2log)).contains("IPv6-Only Preferred received (1800 seconds)");
        assertThat(out(Netns.in(client(2), "ip", "-4", "addr", "show", "dev", ifc(2)))).doesNotContain("inet ");
        assertThat(Netns.waitFor(30, () -> slaac(2))).as("SLAAC address in c2").isTrue();
        String rdisc = sh.ok(20, Netns.in(client(2), "rdisc6", "-1", "-n", "-r", "3", "-w", "4000", ifc(2)))
                .replaceAll("[ \\t]+", " ");
        System.out.println("---- rdisc6 in the IPv6-only client\n" + rdisc);
        assertThat(rdisc).contains("Prefix : 2001:db8:1::/64", "Recursive DNS server : 2001:db8:1::1");
        String rdnss = rdisc.replaceAll("(?s).*Recursive DNS server : ([0-9a-f:]+).*", "$1").strip();
        String aaaa = sh.ok(20, Netns.in(client(2), "dig", "+short", "+time=2", "+tries=3", "@" + rdnss, "AAAA",
                "v4only.example")).strip();
        System.out.println("---- dig AAAA v4only.example @" + rdnss + " from the IPv6-only client: " + aaaa);
        assertThat(aaaa).isEqualTo("2001:db8:64::cb00:710a");   // 203.0.113.10 under the PREF64 (RFC 6052 §2.2)

        // 2. the IPv4-only device: a lease, and the IPv4 server behind the gateway
        Path c1events = dir.resolve("c1.events");
        sh.start(dir.resolve("udhcpc-c1.log"), Netns.in(client(1), "timeout", "60", "udhcpc", "-f", "-i", ifc(1), "-s",
                script("c1", c1events).toString(), "-t", "10", "-T", "2"));
        assertThat(Netns.waitFor(45, () -> read(c1events).contains("bound 192.0.2.")))
                .as("udhcpc lease:\n" + read(dir.resolve("udhcpc-c1.log"))).isTrue();
        sh.ok(20, Netns.in(client(1), "ping", "-c", "1", "-W", "3", "198.51.100.53"));

        // 3. the dual-stack device: an IPv4 lease and a SLAAC address
        Path c3events = dir.resolve("c3.events");
        sh.start(dir.resolve("udhcpc-c3.log"), Netns.in(client(3), "timeout", "60", "udhcpc", "-f", "-i", ifc(3), "-s",
                script("c3", c3events).toString(), "-t", "10", "-T", "2"));
        assertThat(Netns.waitFor(45, () -> read(c3events).contains("bound 192.0.2."))).as("c3 lease").isTrue();
        assertThat(Netns.waitFor(30, () -> slaac(3))).as("SLAAC address in c3").isTrue();

        // 4. the metrics: 1 IPv6-only of 3 clients
        assertThat(Netns.waitFor(10, () -> Scrape.parse(metrics()).canonical().contains("v6mostly_dhcp4_ipv6_only_share{subnet=\"lab\"} 0.3333")))
                .as("IPv6-only share 1/3:\n" + metrics()).isTrue();
        String m = metrics();
        List<String> families = m.lines().filter(l -> l.startsWith("# TYPE ")).map(l -> l.split(" ")[2]).toList();
        assertThat(families).as("one TYPE line per family, or Prometheus rejects the scrape").doesNotHaveDuplicates();
        assertThat(m.lines().filter(l -> !l.startsWith("#") && !l.isBlank()))
                .allMatch(l -> l.matches("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[^}]*})? -?[0-9.]+(E-?[0-9]+)?"));
        assertThat(Scrape.parse(m).canonical()).contains("v6mostly_dhcp4_adoption_clients{kind=\"ipv6_only\",subnet=\"lab\"} 1",
                "v6mostly_dhcp4_adoption_clients{kind=\"ipv4_leased\",subnet=\"lab\"} 2",
                "v6mostly_gateway_ipv6_only_signalling 1", "v6mostly_dns64_upstream_up 1",
                "v6mostly_dns64_queries_total{drop=\"false\",event=\"SYNTHESIZED\"} 1", "v6mostly_ra_pref64_withdrawn 0");

        String table = out(v6mostly("dhcp4", "stats", "--metrics", "http://127.0.0.1:9464/metrics"));
        System.out.println("---- v6mostly dhcp4 stats against the gateway's endpoint\n" + table);
        assertThat(table).contains("lab: 1 IPv6-only, 2 IPv4 leases (0 of them dual-stack), 33% IPv6-only");
        System.out.println("---- gateway memory with 4 namespaces' worth of clients: "
                + memory());

        // SIGHUP: reload without losing the leases or the adoption figures
        sh.ok(10, "kill", "-HUP", Long.toString(gateway.pid()));
        assertThat(Netns.waitFor(10, () -> read(gatewayLog).contains("component=gateway msg=\"SIGHUP: configuration reloaded")))
                .as("reload logged:\n" + read(gatewayLog)).isTrue();
        assertThat(Netns.waitFor(10, () -> Scrape.parse(metrics()).canonical().contains("v6mostly_dhcp4_active_leases 2"))).isTrue();
        assertThat(Scrape.parse(metrics()).canonical()).contains("v6mostly_dhcp4_ipv6_only_share{subnet=\"lab\"} 0.3333");

        // 5. DNS64 loses its upstream: signalling withdrawn, PREF64 lifetime 0 at once, no 108 for new clients
        double cutAt = System.currentTimeMillis() / 1000.0;
        ns(router, "ip link set up0 down");
        assertThat(Netns.waitFor(20, () -> read(gatewayLog).contains("signalling withdrawn")))
                .as("withdrawal logged:\n" + read(gatewayLog)).isTrue();
        awaitRaSender("withdrawn", "the withdrawal");
        // every RA from now on carries lifetime 0; the next one may wait for MIN_DELAY_BETWEEN_RAS (3 s), and
        // a restoration before it is sent would (by design) replace it
        awaitRa(raWatch, cutAt, true, "an RA with PREF64 lifetime 0 after the cut");
        assertThat(Scrape.parse(metrics()).canonical()).contains("v6mostly_ra_pref64_withdrawn 1");
        ns(client(4), "ip link set " + ifc(4) + " up");
        Path c4log = dhcpcd(dhcpcdConf, 4, "dhcpcd-c4.log", "leased 192.0.2.",
                "dhcpcd asking for 108 gets a lease while DNS64 is down");
        assertThat(read(c4log)).doesNotContain("IPv6-Only Preferred received");
        assertThat(Netns.waitFor(10, () -> Scrape.parse(metrics()).canonical().contains("v6mostly_dhcp4_ipv6_only_share{subnet=\"lab\"} 0.25")))
                .as("share 1/4 once the fourth client took a lease:\n" + metrics()).isTrue();
        assertThat(Scrape.parse(metrics()).canonical()).contains("v6mostly_dhcp4_option108_enabled 0", "v6mostly_gateway_ipv6_only_signalling 0");

        // 6. the upstream comes back: both restored
        double restoredAt = System.currentTimeMillis() / 1000.0;
        ns(router, "ip link set up0 up");
        assertThat(Netns.waitFor(20, () -> read(gatewayLog).contains("signalling restored")))
                .as("restoration logged:\n" + read(gatewayLog)).isTrue();
        awaitRaSender("restored", "the restoration");
        awaitRa(raWatch, restoredAt, false, "an RA with the PREF64 lifetime after the restoration");
        assertThat(Scrape.parse(metrics()).canonical()).contains("v6mostly_ra_pref64_withdrawn 0");

        // 7. SIGTERM: final RA with router lifetime 0, exit 0
        String glog = stopGateway("gateway log");
        stopCapture(tshark);

        List<String> ras = Tshark.fields(pcap, "icmpv6.type == 134", "frame.time_relative",
                "icmpv6.nd.ra.router_lifetime", "icmpv6.opt.pref64.prefix", "icmpv6.opt.pref64.scaled_lifetime",
                "icmpv6.opt.rdnss");
        System.out.println("---- RAs seen by the IPv6-only client (time, router lifetime, PREF64, scaled lifetime,"
                + " RDNSS)");
        ras.forEach(System.out::println);
        List<String> epochs = Tshark.fields(pcap, "icmpv6.type == 134", "frame.time_epoch",
                "icmpv6.opt.pref64.scaled_lifetime");
        double withdrawnRa = firstRa(epochs, cutAt, true);
        double restoredRa = firstRa(epochs, restoredAt, false);
        System.out.printf(java.util.Locale.ROOT, "---- measured: upstream cut -> RA with PREF64 lifetime 0 after %.2f s;"
                + " upstream back -> RA with PREF64 lifetime after %.2f s (probe every 0.5 s, down after 2, up after 1)%n",
                withdrawnRa - cutAt, restoredRa - restoredAt);
        List<String> lifetimes = ras.stream().map(l -> l.split("\t", -1)).map(f -> f[1] + "/" + f[3]).toList();
        int withdrawn = lifetimes.indexOf("90/0");
        assertThat(withdrawn).as("an RA with router lifetime 90 and PREF64 lifetime 0: " + lifetimes).isPositive();
        assertThat(lifetimes.subList(0, withdrawn)).allMatch(s -> s.equals("90/12") || s.equals("90/96"));
        assertThat(lifetimes.subList(withdrawn, lifetimes.size())).anyMatch(s -> s.equals("90/12") || s.equals("90/96"));
        assertThat(lifetimes.getLast()).as("final RA").startsWith("0/");
        assertThat(ras.getFirst()).contains("2001:db8:64::", "2001:db8:1::1");
        assertThat(glog).contains("level=warn component=health msg=\"health dns64 down: ",
                "component=health msg=\"health dns64 up\"", "component=ra msg=\"PREF64 withdrawn (lifetime 0)",
                "component=ra msg=\"PREF64 restored to its configured lifetime");
    }

    @Test
    void anIpv6OnlyDeviceReachesAnIpv4OnlyServerByNameThroughDns64AndNat64() throws Exception {
        Path config = configWithNat64();
        // the IPv4-only web server 203.0.113.10 (v4only.example in Unbound) in the "internet", which routes
        // pool4 back to the gateway; the gateway forwards IPv6 from the LAN into its NAT64 TUN
        ns(internet, "ip addr add 203.0.113.10/32 dev lo && ip route add 203.0.113.64/30 via 198.51.100.1");
        ns(router, "sysctl -qw net.ipv6.conf.all.forwarding=1 && ip route add 203.0.113.10/32 via 198.51.100.53");
        Path webLog = dir.resolve("web.log");
        sh.start(webLog, Netns.in(internet, java(), "-cp", cp(), Main.class.getName(), "lab-serve", "--http",
                "203.0.113.10=hello from the IPv4-only server"));
        assertThat(Netns.waitFor(30, () -> read(webLog).contains("serving"))).as("web server:\n" + read(webLog)).isTrue();
        assertThat(out(v6mostly("check-config", "-c", config.toString()))).as("check-config with [nat64]")
                .contains(config + ": ok");

        Path pcap = dir.resolve("nat64.pcap");
        Process tshark = capture(pcap, "tshark-nat64.log", "icmp6");
        Path raWatch = watchRas("ras-nat64.log");
        startGateway(config, "gateway-nat64.log");
        assertThat(read(gatewayLog)).contains("component=nat64 msg=\"translating on nat64: pool6 2001:db8:64::/96");

        // the IPv6-only device: option 108 and no IPv4; SLAAC and a default route from the RA
        Path dhcpcdConf = dhcpcdConf("dhcpcd-nat64.conf");
        Path c2log = dhcpcd(dhcpcdConf, 2, "dhcpcd-nat64-c2.log", "IPv6-Only Preferred received",
                "dhcpcd gets option 108");
        assertThat(Netns.waitFor(30, () -> slaac(2) && out(Netns.in(client(2), "ip", "-6", "route", "show", "default"))
                .contains("via fe80:"))).as("SLAAC address and default route in c2").isTrue();
        assertThat(out(Netns.in(client(2), "ip", "-4", "addr", "show", "dev", ifc(2)))).doesNotContain("inet ");
        // its stub resolver asks the RDNSS the RA carries: the gateway's DNS64 (ip netns exec bind-mounts this file)
        Files.createDirectories(Path.of("/etc/netns", client(2)));
        Files.writeString(Path.of("/etc/netns", client(2), "resolv.conf"), "nameserver 2001:db8:1::1\n");

        // 1. by name, through DNS64 and NAT64; the server sees a pool4 address
        long t0 = System.nanoTime();
        String page = sh.ok(30, Netns.in(client(2), "curl", "-sS", "-i", "--max-time", "10", "-w",
                "\nremote=%{remote_ip} connect=%{time_connect} total=%{time_total}\n", "http://v4only.example/"));
        long curlMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("---- curl http://v4only.example/ from the IPv6-only client (" + curlMs + " ms with the JVM-free"
                + " curl start)\n" + page);
        assertThat(page).contains("hello from the IPv4-only server", "remote=2001:db8:64::cb00:710a");
        assertThat(page).containsPattern("(?i)x-seen-from: 203\\.0\\.113\\.6[4-7]");
        String ping = sh.ok(30, Netns.in(client(2), "ping", "-6", "-c", "3", "-i", "0.2", "-W", "3",
                "2001:db8:64::cb00:710a"));
        System.out.println("---- ping 2001:db8:64::cb00:710a (203.0.113.10 through the NAT64)\n" + ping);
        assertThat(ping).contains("3 received");
        System.out.println("---- gateway memory with the NAT64: "
                + memory());

        // 2. one endpoint: the NAT64's metrics and its pages for `v6mostly nat64 bib|sessions|stats`
        String m = metrics();
        List<String> families = m.lines().filter(l -> l.startsWith("# TYPE ")).map(l -> l.split(" ")[2]).toList();
        assertThat(families).as("one TYPE line per family").doesNotHaveDuplicates();
        assertThat(families).anyMatch(f -> f.startsWith("v6mostly_nat64_"));
        assertThat(Scrape.parse(m).canonical()).contains("v6mostly_gateway_health_input_up{component=\"nat64\"} 1",
                "v6mostly_gateway_ipv6_only_signalling 1");
        String bib = nat64Page("bib");
        String sessions = nat64Page("sessions");
        String stats = nat64Page("stats");
        System.out.println("---- v6mostly nat64 bib / sessions / stats against the gateway\n" + bib + sessions + stats);
        assertThat(bib).containsPattern("tcp  2001:db8:1:0:[0-9a-f:]+#\\d+  203\\.0\\.113\\.6[4-7]#\\d+  dynamic");
        assertThat(bib).containsPattern("icmp  2001:db8:1:0:[0-9a-f:]+#\\d+  203\\.0\\.113\\.6[4-7]#\\d+  dynamic");
        assertThat(sessions).contains("203.0.113.10#80");
        assertThat(stats).isNotBlank();
        assertThat(read(gatewayLog)).as("the mapping log on the gateway's stdout").containsPattern(
                "<134>1 \\S+ - v6mostly - \\S+ \\[nat64@32473 proto=\"tcp\" src6=\"2001:db8:1:0:[^\"]+\"[^\\]]*"
                        + "pool4=\"203\\.0\\.113\\.6[4-7]\"");

        // 3. SIGHUP keeps the sessions
        String icmpSession = sessions.lines().filter(l -> l.startsWith("icmp ")).findFirst().orElseThrow()
                .replaceAll("\\s+\\S+s$", "");
        sh.ok(10, "kill", "-HUP", Long.toString(gateway.pid()));
        assertThat(Netns.waitFor(10, () -> read(gatewayLog).contains("component=nat64 msg=\"SIGHUP: reloaded")))
                .as("NAT64 reload logged:\n" + read(gatewayLog)).isTrue();
        assertThat(nat64Page("sessions")).as("the ICMP session survives SIGHUP").contains(icmpSession);

        // 4. the NAT64 data path goes down (its TUN): signalling withdrawn
        double cutAt = System.currentTimeMillis() / 1000.0;
        ns(router, "ip link set nat64 down");
        assertThat(Netns.waitFor(20, () -> read(gatewayLog).contains("health nat64 down: data path down: TUN nat64 is"
                + " down"))).as("NAT64 health down:\n" + read(gatewayLog)).isTrue();
        awaitRaSender("withdrawn", "the withdrawal");
        awaitRa(raWatch, cutAt, true, "an RA with PREF64 lifetime 0 after the cut");
        assertThat(Scrape.parse(metrics()).canonical()).contains("v6mostly_ra_pref64_withdrawn 1", "v6mostly_dhcp4_option108_enabled 0",
                "v6mostly_gateway_health_input_up{component=\"nat64\"} 0");
        ns(client(4), "ip link set " + ifc(4) + " up");
        Path c4log = dhcpcd(dhcpcdConf, 4, "dhcpcd-nat64-c4.log", "leased 192.0.2.",
                "dhcpcd asking for 108 gets a lease while the NAT64 is down");
        assertThat(read(c4log)).doesNotContain("IPv6-Only Preferred received");

        // 5. the TUN comes back: signalling restored, routes applied again, the NAT64 translates again
        double restoredAt = System.currentTimeMillis() / 1000.0;
        ns(router, "ip link set nat64 up");
        assertThat(Netns.waitFor(20, () -> read(gatewayLog).contains("health nat64 up")))
                .as("NAT64 health up:\n" + read(gatewayLog)).isTrue();
        awaitRaSender("restored", "the restoration");
        awaitRa(raWatch, restoredAt, false, "an RA with the PREF64 lifetime after the restoration");
        assertThat(read(gatewayLog)).contains("component=nat64 msg=\"TUN nat64 is up again");
        assertThat(Scrape.parse(metrics()).canonical()).contains("v6mostly_ra_pref64_withdrawn 0", "v6mostly_dhcp4_option108_enabled 1");
        assertThat(sh.ok(30, Netns.in(client(2), "curl", "-sS", "-i", "--max-time", "10", "http://v4only.example/")))
                .as("the NAT64 translates again").contains("hello from the IPv4-only server");

        // 6. SIGTERM: the final RA first, then the NAT64
        String glog = stopGateway("gateway log (NAT64)");
        assertThat(glog.indexOf("msg=\"stopped ra\"")).isPositive().isLessThan(glog.indexOf("msg=\"stopped nat64\""));
        stopCapture(tshark);
        List<String> epochs = Tshark.fields(pcap, "icmpv6.type == 134", "frame.time_epoch",
                "icmpv6.opt.pref64.scaled_lifetime", "icmpv6.opt.pref64.prefix");
        System.out.println("---- RAs (epoch, PREF64 scaled lifetime, prefix)");
        epochs.forEach(System.out::println);
        double withdrawnRa = firstRa(epochs, cutAt, true);
        double restoredRa = firstRa(epochs, restoredAt, false);
        System.out.printf(java.util.Locale.ROOT, "---- measured: NAT64 TUN down -> RA with PREF64 lifetime 0 after %.2f s;"
                + " TUN up -> RA with PREF64 lifetime after %.2f s (health polled every 0.25 s); curl by name %d ms%n",
                withdrawnRa - cutAt, restoredRa - restoredAt, curlMs);
        assertThat(withdrawnRa).as("an RA with PREF64 lifetime 0 after the TUN went down").isNotNaN();
        assertThat(restoredRa).as("an RA with the PREF64 lifetime after the TUN came back").isNotNaN();
        assertThat(epochs).allMatch(l -> l.endsWith("2001:db8:64::"));
    }

    private String nat64Page(String page) throws Exception {
        return sh.ok(30, v6mostly("nat64", page, "--metrics", "http://127.0.0.1:9464"));
    }

    private Path configWithNat64() throws IOException {
        Path config = dir.resolve("gateway-nat64.toml");
        Files.writeString(config, Files.readString(config()) + """

                [nat64]
                pool4 = ["203.0.113.64/30"]
                allow6-sources = ["2001:db8:1::/64"]
                [nat64.tun]
                name = "nat64"
                up = true
                routes = ["2001:db8:64::/96", "203.0.113.64/30"]
                """);
        return config;
    }

    private Path config() throws IOException {
        Path config = dir.resolve("gateway.toml");
        Files.writeString(config, """
                [pref64]
                prefixes = ["2001:db8:64::/96"]

                [gateway]
                health-interval-ms = 500
                health-failures = 2
                health-successes = 1

                [metrics]
                listen = "127.0.0.1:9464"

                [dns64]
                listen = ["[2001:db8:1::1]:53"]
                upstreams = ["198.51.100.53"]
                allow-clients = ["2001:db8:1::/64"]
                upstream-timeout-ms = 1000

                """ + LabConfigs.lan("br0", dir.resolve("leases"), "v6only-wait = 1800\n"));
        return config;
    }

    @Test
    void aGatewayStartingWithoutAnUpstreamWithdrawsFromItsFirstRaAndLeasesToEveryone() throws Exception {
        Path config = config();
        ns(router, "ip link set up0 down");
        Path pcap = dir.resolve("start.pcap");
        Process tshark = capture(pcap, "tshark-start.log", "icmp6");
        startGateway(config, "gateway-start.log");
        Path dhcpcdConf = dhcpcdConf("dhcpcd-start.conf");
        Path c2log = dhcpcd(dhcpcdConf, 2, "dhcpcd-start.log", "leased 192.0.2.",
                "dhcpcd asking for 108 gets a lease from a gateway without upstream");
        assertThat(read(c2log)).doesNotContain("IPv6-Only Preferred received");
        String glog = stopGateway("gateway log (started without upstream)");
        assertThat(glog).contains("health dns64 down: ");
        assertThat(glog.indexOf("signalling withdrawn")).as("withdrawn before the RA starts")
                .isLessThan(glog.indexOf("component=ra msg=\"advertising on br0"));
        stopCapture(tshark);
        List<String> ras = Tshark.fields(pcap, "icmpv6.type == 134", "icmpv6.nd.ra.router_lifetime",
                "icmpv6.opt.pref64.scaled_lifetime");
        System.out.println("---- RAs (router lifetime, PREF64 scaled lifetime): " + ras);
        assertThat(ras).isNotEmpty();
        assertThat(ras.getFirst()).isEqualTo("90\t0");
        assertThat(ras.subList(0, ras.size() - 1)).allMatch(l -> l.equals("90\t0"));
        assertThat(ras.getLast()).isEqualTo("0\t0");
    }

    @Test
    void aMissingInterfaceStopsWhatStartedAndExitsOne() throws Exception {
        Path config = dir.resolve("missing.toml");
        Files.writeString(config, Files.readString(config()).replace("interface = \"br0\"", "interface = \"nope0\""));
        Netns.Result r = sh.run(60, v6mostly("gateway", "-c", config.toString()));
        System.out.println("---- gateway with a missing interface\n" + r.out());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("component=gateway msg=\"cannot start dhcp4: dhcp4: ",
                "component=gateway msg=\"stopped dns64\"", "component=gateway msg=\"cannot start: dhcp4: ")
                .doesNotContain("component=ra");
        Netns.Result check = sh.run(60, v6mostly("check-config", "-c", config.toString()));
        assertThat(check.status()).isEqualTo(2);
        assertThat(check.out()).contains("[dhcp4] subnet[1] interface: no interface 'nope0' on this machine");
    }

    /** {@code v6mostly args...} (native access allowed) in the router namespace. */
    private String[] v6mostly(String... args) {
        List<String> cmd = new ArrayList<>(List.of(java(), "--enable-native-access=ALL-UNNAMED", "-cp", cp(),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        return Netns.in(router, cmd.toArray(String[]::new));
    }

    /** Brings client 2's interface up and captures {@code filter} on it into {@code pcap}, once tshark runs. */
    private Process capture(Path pcap, String log, String filter) throws Exception {
        Path tsharkLog = dir.resolve(log);
        ns(client(2), "ip link set " + ifc(2) + " up");
        Process tshark = sh.start(tsharkLog, Netns.in(client(2), "tshark", "-n", "-i", ifc(2), "-f", filter, "-F",
                "pcap", "-w", pcap.toString()));
        assertThat(Netns.waitFor(20, () -> read(tsharkLog).contains("Capturing on"))).as("tshark started").isTrue();
        return tshark;
    }

    /** Lets the last packets reach the capture, then stops it. */
    private static void stopCapture(Process tshark) throws InterruptedException {
        Thread.sleep(500);
        tshark.destroy();
        tshark.waitFor(15, TimeUnit.SECONDS);
    }

    /** Starts {@code v6mostly gateway -c config} in the router, its output in {@code log}; returns once it runs. */
    private void startGateway(Path config, String log) throws Exception {
        gatewayLog = dir.resolve(log);
        gateway = sh.start(gatewayLog, v6mostly("gateway", "-c", config.toString()));
        assertThat(Netns.waitFor(30, () -> read(gatewayLog).contains("component=gateway msg=\"running")))
                .as("gateway running:\n" + read(gatewayLog)).isTrue();
    }

    /** SIGTERM to the gateway; prints its log under {@code label}, asserts exit 0 and returns the log. */
    private String stopGateway(String label) throws InterruptedException {
        gateway.destroy();
        assertThat(gateway.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String glog = read(gatewayLog);
        System.out.println("---- " + label + "\n" + glog);
        assertThat(gateway.exitValue()).isZero();
        return glog;
    }

    /** A dhcpcd configuration that asks for option 108 (RFC 8925 §3.1). */
    private Path dhcpcdConf(String name) throws IOException {
        return Files.writeString(dir.resolve(name), "option ipv6_only_preferred\nnoipv4ll\nnohook resolv.conf\n");
    }

    /** Runs dhcpcd -4 on client {@code i} until its log (returned) shows {@code until}, then stops it. */
    private Path dhcpcd(Path conf, int i, String log, String until, String as) throws Exception {
        Path out = dir.resolve(log);
        Process dhcpcd = sh.start(out, Netns.in(client(i), "timeout", "90", "dhcpcd", "-f", conf.toString(),
                "-c", "/bin/true", "-4", "-B", "-d", "--noarp", ifc(i)));
        assertThat(Netns.waitFor(80, () -> read(out).contains(until))).as(as + ":\n" + read(out)).isTrue();
        dhcpcd.destroy();
        return out;
    }

    /** Whether client {@code i} has a SLAAC address in 2001:db8:1::/64. */
    private boolean slaac(int i) {
        return out(Netns.in(client(i), "ip", "-6", "addr", "show", "dev", ifc(i))).contains("inet6 2001:db8:1:0:");
    }

    /** Waits for the gateway's RA sender to log that PREF64 was {@code what} ("withdrawn", "restored"). */
    private void awaitRaSender(String what, String change) throws InterruptedException {
        assertThat(Netns.waitFor(10, () -> read(gatewayLog).contains("component=ra msg=\"PREF64 " + what)))
                .as("the RA sender applied " + change).isTrue();
    }

    /** Waits for client 2 to see an RA after {@code since} with PREF64 lifetime 0 ({@code withdrawn}) or not. */
    private static void awaitRa(Path raWatch, double since, boolean withdrawn, String as)
            throws InterruptedException {
        assertThat(Netns.waitFor(15, () -> raSince(raWatch, since, withdrawn))).as(as + ":\n" + read(raWatch))
                .isTrue();
    }

    /** The epoch of the first captured RA after {@code since} whose PREF64 lifetime is 0 ({@code withdrawn}) or not. */
    private static double firstRa(List<String> epochs, double since, boolean withdrawn) {
        return epochs.stream().map(l -> l.split("\t")).filter(f -> f[1].equals("0") == withdrawn)
                .mapToDouble(f -> Double.parseDouble(f[0])).filter(t -> t > since).min().orElse(Double.NaN);
    }

    /** The gateway's VmRSS, VmHWM and thread count, on one line. */
    private String memory() {
        return out("grep", "-E", "VmRSS|VmHWM|Threads", "/proc/" + gateway.pid() + "/status").replace('\n', ' ');
    }

    private void add(String name) throws Exception {
        sh.ok(10, "ip", "netns", "add", name);
        namespaces.add(name);
    }

    /** The client's interface: unique per run, so dhcpcd's lease file (named after it) is too. */
    private String ifc(int i) {
        return "gc" + i + id;
    }

    private String client(int i) {
        return "v6m-gw-c" + i + "-" + id;
    }

    private void ns(String namespace, String command) throws Exception {
        sh.ok(20, Netns.in(namespace, "sh", "-c", command));
    }

    private Path script(String name, Path events) throws IOException {
        return NamespaceLab.executable(dir.resolve(name + "-udhcpc.sh"), """
                #!/bin/sh
                echo "$1 $ip $lease" >> %s
                case "$1" in bound|renew) ip addr replace "$ip/24" dev "$interface"; ip route replace default via "$router" ;; esac
                """.formatted(events));
    }

    /**
     * A line-buffered capture of the RAs the IPv6-only client receives: arrival time and PREF64
     * scaled lifetime, one line each as they arrive. (Counting sent RAs races: an RA scheduled
     * before a change may be counted after it.)
     */
    private Path watchRas(String name) throws Exception {
        Path log = dir.resolve(name);
        Path err = dir.resolve(name + ".err");
        sh.start(err, Netns.in(client(2), "sh", "-c", "exec tshark -l -n -i " + ifc(2) + " -f icmp6 -Y 'icmpv6.type == 134'"
                + " -T fields -e frame.time_epoch -e icmpv6.opt.pref64.scaled_lifetime > " + log));
        assertThat(Netns.waitFor(20, () -> read(err).contains("Capturing on"))).as("RA watcher started").isTrue();
        return log;
    }

    /** Whether an RA arrived after {@code since} (epoch seconds) with PREF64 lifetime 0 ({@code withdrawn}) or not. */
    private static boolean raSince(Path log, double since, boolean withdrawn) {
        return read(log).lines().map(l -> l.split("\t")).filter(f -> f.length == 2)
                .anyMatch(f -> Double.parseDouble(f[0]) > since && f[1].equals("0") == withdrawn);
    }

    private String metrics() {
        return out(Netns.in(router, "curl", "-s", "--max-time", "3", "http://127.0.0.1:9464/metrics"));
    }

    private String out(String... command) {
        try {
            return sh.run(20, command).out();
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String cp() {
        return System.getProperty("java.class.path");
    }
}
