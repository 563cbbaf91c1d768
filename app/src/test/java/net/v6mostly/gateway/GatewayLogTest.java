package net.v6mostly.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import net.v6mostly.dhcp4.Adoption;
import net.v6mostly.ops.Scrape;
import org.junit.jupiter.api.Test;

/** logfmt lines and the IPv6-only share gauge. */
class GatewayLogTest {
    @Test
    void linesAreLogfmtWithLevelComponentAndQuotedMessage() {
        StringWriter w = new StringWriter();
        GatewayLog log = new GatewayLog(new PrintWriter(w), Clock.fixed(Instant.parse("2026-12-03T13:00:00Z"),
                ZoneOffset.UTC));
        log.component("ra").accept("ra: advertising on lan0 (ifindex 4)");
        log.component("health").accept("health dns64 down: no \"upstream\"\nanswered");
        log.component("gateway").accept("component ra is dead: thread gateway-ra ended");
        assertThat(w.toString().split("\n")).containsExactly(
                "ts=2026-12-03T13:00:00Z level=info component=ra msg=\"advertising on lan0 (ifindex 4)\"",
                "ts=2026-12-03T13:00:00Z level=warn component=health msg=\"health dns64 down: no \\\"upstream\\\"\\nanswered\"",
                "ts=2026-12-03T13:00:00Z level=warn component=gateway msg=\"component ra is dead: thread gateway-ra ended\"");
    }

    @Test
    void ipv6OnlyShareIsIpv6OnlyOverAllClientsPerSubnet() {
        String text = Dhcp4Component.share(List.of(new Adoption("campus", 3, 1, 0), new Adoption("guests", 0, 0, 0)),
                false);
        assertThat(Scrape.parse(text).canonical()).contains("v6mostly_dhcp4_ipv6_only_share{subnet=\"campus\"} 0.75",
                "v6mostly_dhcp4_ipv6_only_share{subnet=\"guests\"} 0", "v6mostly_dhcp4_option108_enabled 1");
        assertThat(Scrape.parse(Dhcp4Component.share(List.of(), true)).canonical()).contains("v6mostly_dhcp4_option108_enabled 0");
    }
}
