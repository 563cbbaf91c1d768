package net.v6mostly.cli;

import static net.v6mostly.cli.NamespaceLab.read;
import static net.v6mostly.cli.Netns.in;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import net.v6mostly.ops.Scrape;

/**
 * A CE router of 464XLAT (RFC 6877 §6.1) as one {@code v6mostly gateway} process: its {@code [clat]}
 * runs in the gateway beside the LAN's {@code [ra]} and {@code [dhcp4]}, shares the metrics
 * endpoint and the supervision (issue 16), run from {@code examples/gateway-ce-router-464xlat.toml}.
 * Four namespaces: the ISP router, which advertises the
 * uplink /64 and PREF64 ({@code v6mostly ra}) and is the PLAT (TAYGA, then nftables masquerade);
 * an IPv4-only server 198.51.100.10; the CE router on an IPv6-only uplink; an IPv4-only LAN device
 * that takes a DHCPv4 lease from the CE (busybox udhcpc) and fetches a page from the server by its
 * IPv4 literal through the CE's CLAT (NAT44 to 192.0.0.1, RFC 7915 into the provider's prefix) and
 * the PLAT. Skipped, with the reason, when not root or a tool is missing (failed under CI).
 */
class CeRouterGatewayNamespaceTest extends NamespaceLabCase {
    private static final String SERVER4 = "198.51.100.10";
    private static final String PREF64 = "2001:db8:64::/96";
    private static final String METRICS = "http://127.0.0.1:9464/metrics";
    private static final List<String> TOOLS = List.of("ip", "tayga", "nft", "curl", "python3", "udhcpc");

    private final String isp = "v6ce" + tag + "i";
    private final String server = "v6ce" + tag + "s";
    private final String ce = "v6ce" + tag + "c";
    private final String lan = "v6ce" + tag + "l";
    private Path gatewayLog;
    private Process gateway;

    @BeforeAll
    void setUp() throws Exception {
        openLab("CE-router gateway namespace test", "ce-gateway", "v6ce-gw", TOOLS);
        gatewayLog = dir.resolve("gateway.log");
        for (String log : List.of("gateway.log", "ra.log", "tayga.log", "udhcpc.log")) {
            lab.dumpAtEnd(log, dir.resolve(log), 0);
        }
        topology();
        lab.taygaPlat(isp, PREF64, "wan0", dir.resolve("tayga.log"));
        Path ra = Files.writeString(dir.resolve("isp-ra.toml"), LabConfigs.providerRa("""
                pref64 = [{ prefix = "%s", lifetime = 1800 }]
                """.formatted(PREF64)));
        lab.daemon(isp, dir.resolve("ra.log"), "ra", "-c", ra.toString());
        lab.httpServer(server, "http.log", SERVER4, 80, dir);
        Files.writeString(dir.resolve("hello.txt"), "hello from the IPv4 internet\n");
        // the example as it is, but for the documentation prefix (RFC 6052 §3.1: 64:ff9b::/96 is not for the
        // non-global addresses of a test) and a lease directory of the test's own
        String example = Files.readString(RepoFiles.example("gateway-ce-router-464xlat.toml"));
        assertThat(example).contains("prefixes = [\"64:ff9b::/96\"]", "lease-directory = \"/var/lib/v6mostly/dhcp4\"");
        Path config = Files.writeString(dir.resolve("ce.toml"), example
                .replace("64:ff9b::/96", PREF64)
                .replace("/var/lib/v6mostly/dhcp4", dir.resolve("leases").toString()));
        String check = lab.cli(30, ce, "check-config", "-c", config.toString());
        lab.report("check-config of the CE router", check.strip());
        gateway = lab.daemon(ce, gatewayLog, "gateway", "-c", config.toString());
        assertThat(Netns.waitFor(30, () -> read(gatewayLog).contains("component=gateway msg=\"running")))
                .as(read(gatewayLog)).isTrue();
    }

    @Test
    void anIpv4OnlyLanDeviceReachesAnIpv4ServerThroughTheCesClatAndThePlat() throws Exception {
        assertThat(read(gatewayLog)).contains("running [dns64, dhcp4, clat, ra]");
        assertThat(Netns.waitFor(40, () -> metrics().contains("state=\"on\""))).as(metrics()).isTrue();

        Path script = NamespaceLab.executable(dir.resolve("udhcpc.sh"), """
                #!/bin/sh
                case "$1" in bound|renew)
                  ip addr replace "$ip/24" dev "$interface"
                  ip route replace default via "$router" dev "$interface" ;;
                esac
                """);
        String lease = sh.ok(40, in(lan, "udhcpc", "-q", "-n", "-i", "eth0", "-s", script.toString(), "-t", "10",
                "-T", "2"));
        lab.report("LAN device lease from the CE's DHCPv4", lease.lines().filter(l -> l.contains("lease"))
                .findFirst().orElse(lease.strip()));
        assertThat(lab.output(in(lan, "ip", "-4", "addr", "show", "dev", "eth0"))).contains("192.0.2.1");

        String page = sh.ok(30, in(lan, "curl", "-sS", "--max-time", "10", "--retry", "3", "--retry-all-errors",
                "http://" + SERVER4 + "/hello.txt"));
        assertThat(page).isEqualTo("hello from the IPv4 internet\n");

        String m = metrics();
        lab.report("CE router metrics", m.lines().filter(l -> l.startsWith("v6mostly_component_up")
                || l.startsWith("v6mostly_clat_info")).toList().toString());
        assertThat(Scrape.parse(m).canonical()).contains("v6mostly_component_up{component=\"clat\"} 1", "v6mostly_component_up{component=\"dns64\"} 1",
                "v6mostly_component_up{component=\"dhcp4\"} 1", "v6mostly_component_up{component=\"ra\"} 1",
                "v6mostly_gateway_up 1");
        assertThat(Scrape.parse(m).value("v6mostly_clat_packets_total", "exit", "TRANSLATED_46")).isPositive();
    }

    private String metrics() {
        return lab.output(in(ce, "curl", "-sS", "--max-time", "2", METRICS));
    }

    private void topology() throws Exception {
        lab.namespaces(isp, server, ce, lan);
        lab.provider(isp, ce, "wan", server, SERVER4);
        lab.veth(ce, "br-lan", lan, "eth0");
        lab.sysctl(ce, "net.ipv6.conf.wan.accept_ra=2");
        lab.ip(ce, "link set wan up");
        lab.ip(ce, "link set br-lan up");
        lab.ip(ce, "address add 192.0.2.1/24 dev br-lan");
        lab.ip(ce, "address add 2001:db8:abcd:1::1/64 dev br-lan nodad");
        lab.ip(lan, "link set eth0 up");
    }
}
