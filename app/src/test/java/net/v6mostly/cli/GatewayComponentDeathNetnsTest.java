package net.v6mostly.cli;

import static net.v6mostly.cli.NamespaceLab.read;
import static net.v6mostly.cli.Netns.in;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.v6mostly.ops.Scrape;

/**
 * A real gateway (RA, DHCPv4, NAT64) notices a component that died underneath it (issue 15, DESIGN.md
 * §6): the NAT64's TUN device is deleted, so its workers' reads fail (EBADFD) and their threads end.
 * The gateway logs the death once with the reason and withdraws the signalling as for a NAT64 that
 * is down (RFC 8781 PREF64 lifetime 0, RFC 8925 option 108 no longer sent) while RA and DHCPv4 go
 * on serving; with {@code on-component-failure = "restart"} (the default) a fresh NAT64 (its TUN
 * made again) comes back after a second and the signalling is restored; with {@code "exit"} the
 * gateway stops everything and exits 1. Before that, every real component counts as up: the watching has no false
 * alarm.
 */
class GatewayComponentDeathNetnsTest {
    private final String router = "v6mg" + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
    private final String client = router + "c";
    private NamespaceLab lab;

    @BeforeEach
    void setUp() throws Exception {
        lab = NamespaceLab.open("network namespace test", "netns", "v6mg", List.of("ip", "curl"));
        lab.namespaces(router, client);
        lab.veth(router, "lan0", client, "c0");
        lab.ip(router, "address add 2001:db8:1::1/64 dev lan0 nodad");
        lab.ip(router, "address add 192.0.2.1/24 dev lan0");
        lab.ip(router, "link set lan0 up");
        lab.ip(client, "link set c0 up");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aNat64WhoseTunIsDeletedIsRestartedAndTheSignallingComesBack() throws Exception {
        Path log = lab.dir.resolve("gateway.log");
        Process gateway = startGateway(log, "");
        lab.ip(router, "link delete nat64");

        // The runner logs "restarted" after the restart returns, which is after the health signal
        // already logged "signalling restored": wait for both lines, not just the first.
        assertThat(Netns.waitFor(30, () -> read(log).contains("signalling restored")
                && read(log).contains("msg=\"restarted nat64\"")))
                .as("dead, withdrawn, restarted, restored:\n%s", read(log)).isTrue();
        String glog = read(log);
        assertThat(glog).containsPattern("component nat64 is dead: read\\(2\\) on the TUN failed: .*\\(errno 77\\)")
                .contains("signalling withdrawn", "restarting nat64 in 1.0 s (restart 1 of at most 5 in a row)",
                        "msg=\"restarted nat64\"");
        assertThat(glog.indexOf("signalling withdrawn")).isLessThan(glog.indexOf("restarted nat64"));
        assertThat(glog.split("component nat64 is dead", -1)).as("logged once").hasSize(2);
        assertThat(Netns.waitFor(20, () -> Scrape.parse(metrics()).canonical().contains("v6mostly_ra_pref64_withdrawn 0")))
                .as("the RA advertises PREF64 again:\n%s", metrics()).isTrue();
        String after = metrics();
        lab.report("gateway after the NAT64's TUN was deleted and the NAT64 restarted", after.lines()
                .filter(l -> l.startsWith("v6mostly_gateway_up") || l.startsWith("v6mostly_component_")
                        || l.startsWith("v6mostly_gateway_ipv6_only_signalling")).toList().toString());
        assertThat(Scrape.parse(after).canonical()).contains("v6mostly_gateway_up 1", "v6mostly_component_up{component=\"nat64\"} 1",
                "v6mostly_component_restarts_total{component=\"nat64\"} 1",
                "v6mostly_component_restarts_total{component=\"dhcp4\"} 0",
                "v6mostly_gateway_ipv6_only_signalling 1", "v6mostly_dhcp4_option108_enabled 1");
        assertThat(lab.succeeds(in(router, "ip", "link", "show", "nat64"))).as("the TUN is back").isTrue();

        gateway.destroy();
        assertThat(gateway.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(gateway.exitValue()).isZero();
    }

    @Test
    void withTheExitPolicyTheGatewayExits1() throws Exception {
        Path log = lab.dir.resolve("gateway.log");
        Process gateway = startGateway(log, "[gateway]\non-component-failure = \"exit\"\n");
        lab.ip(router, "link delete nat64");
        assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).as("exited:\n%s", read(log)).isTrue();
        assertThat(gateway.exitValue()).isEqualTo(1);
        String glog = read(log);
        assertThat(glog).contains("component nat64 is dead", "on-component-failure is \\\"exit\\\"",
                "msg=\"stopped ra\"");
        assertThat(glog).doesNotContain("restarting nat64");
    }

    /** Starts the gateway (RA, DHCPv4, NAT64) with {@code more} appended to its file; all up before it returns. */
    private Process startGateway(Path log, String more) throws Exception {
        Path config = lab.dir.resolve("gateway.toml");
        Files.writeString(config, """
                [pref64]
                prefixes = ["2001:db8:64::/96"]

                [metrics]
                listen = "127.0.0.1:9464"

                """ + LabConfigs.lan("lan0", lab.dir.resolve("leases"), "") + """

                [nat64]
                pool4 = ["203.0.113.64/30"]
                [nat64.tun]
                name = "nat64"
                up = true
                routes = ["2001:db8:64::/96", "203.0.113.64/30"]
                """ + more);
        lab.dumpAtEnd("gateway log", log, 0);
        lab.tun(router, "nat64");
        Process gateway = lab.daemon(router, log, "gateway", "-c", config.toString());
        assertThat(Netns.waitFor(30, () -> read(log).contains("component=gateway msg=\"running")))
                .as("gateway running:\n%s", read(log)).isTrue();
        assertThat(read(log)).contains("nat64 serves on threads ", "v6mostly-nat64-nat64-0",
                "dhcp4 serves on threads gateway-dhcp4", "ra serves on threads gateway-ra");
        String before = metrics();
        assertThat(Scrape.parse(before).canonical()).contains("v6mostly_gateway_up 1", "v6mostly_component_up{component=\"nat64\"} 1",
                "v6mostly_component_up{component=\"dhcp4\"} 1", "v6mostly_component_up{component=\"ra\"} 1",
                "v6mostly_gateway_ipv6_only_signalling 1", "v6mostly_ra_pref64_withdrawn 0",
                "v6mostly_dhcp4_option108_enabled 1");
        return gateway;
    }

    private String metrics() {
        try {
            return lab.sh.ok(10, in(router, "curl", "-sS", "--max-time", "5", "http://127.0.0.1:9464/metrics"));
        } catch (Exception e) {
            return "";
        }
    }
}
