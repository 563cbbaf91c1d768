package net.v6mostly.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

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
}
