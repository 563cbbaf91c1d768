package net.v6mostly.cli;

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
 * The gateway logs the death once with the reason, {@code v6mostly_component_up{component="nat64"}}
 * and {@code v6mostly_gateway_up} drop to 0, and the signalling is withdrawn as for a NAT64 that is
 * down (RFC 8781 PREF64 lifetime 0, RFC 8925 option 108 no longer sent); RA and DHCPv4 go on
 * serving and stay up. Before that, every real component counts as up: the watching has no false
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
    void aNat64WhoseTunIsDeletedIsDeadAndTheSignallingIsWithdrawn() throws Exception {
        Path config = lab.dir.resolve("gateway.toml");
        Files.writeString(config, """
                [pref64]
                prefixes = ["2001:db8:64::/96"]

                [metrics]
                listen = "127.0.0.1:9464"

                [ra]
                [[ra.interface]]
                name = "lan0"
                max-interval = 30
                prefix = [{ prefix = "2001:db8:1::/64" }]

                [dhcp4]
                lease-directory = "%s"
                [[dhcp4.subnet]]
                name = "lab"
                prefix = "192.0.2.0/24"
                interface = "lan0"
                server-id = "192.0.2.1"
                routers = ["192.0.2.1"]
                pools = [{ range = "192.0.2.100-192.0.2.150" }]

                [nat64]
                pool4 = ["203.0.113.64/30"]
                [nat64.tun]
                name = "nat64"
                up = true
                routes = ["2001:db8:64::/96", "203.0.113.64/30"]
                """.formatted(lab.dir.resolve("leases")));
        Path log = lab.dir.resolve("gateway.log");
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

        lab.ip(router, "link delete nat64");

        assertThat(Netns.waitFor(20, () -> read(log).contains("component nat64 is dead")))
                .as("the death logged:\n%s", read(log)).isTrue();
        assertThat(Netns.waitFor(20, () -> Scrape.parse(metrics()).canonical().contains("v6mostly_ra_pref64_withdrawn 1")))
                .as("the RA withdrew PREF64:\n%s", metrics()).isTrue();
        String after = metrics();
        lab.report("gateway after the NAT64's TUN was deleted", after.lines()
                .filter(l -> l.startsWith("v6mostly_gateway_up") || l.startsWith("v6mostly_component_up")
                        || l.startsWith("v6mostly_gateway_ipv6_only_signalling")).toList().toString());
        assertThat(Scrape.parse(after).canonical()).contains("v6mostly_gateway_up 0", "v6mostly_component_up{component=\"nat64\"} 0",
                "v6mostly_component_up{component=\"dhcp4\"} 1", "v6mostly_component_up{component=\"ra\"} 1",
                "v6mostly_gateway_ipv6_only_signalling 0", "v6mostly_dhcp4_option108_enabled 0");
        String glog = read(log);
        assertThat(glog).containsPattern("component nat64 is dead: read\\(2\\) on the TUN failed: .*\\(errno 77\\)")
                .contains("signalling withdrawn");
        assertThat(glog.split("component nat64 is dead", -1)).as("logged once").hasSize(2);
        assertThat(gateway.isAlive()).as("the other components go on serving").isTrue();

        gateway.destroy();
        assertThat(gateway.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(gateway.exitValue()).isZero();
    }

    private String metrics() {
        try {
            return lab.sh.ok(10, in(router, "curl", "-sS", "--max-time", "5", "http://127.0.0.1:9464/metrics"));
        } catch (Exception e) {
            return "";
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
