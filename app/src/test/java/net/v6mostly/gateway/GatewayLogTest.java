package net.v6mostly.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import net.v6mostly.dhcp4.Adoption;
import net.v6mostly.ops.LogfmtLayout;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The GatewayLog shim's lines through SLF4J in logfmt, and the IPv6-only share gauge. */
class GatewayLogTest {
    @Test
    void linesAreLogfmtWithLevelComponentAndQuotedMessage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setOutputStream(out);
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(new LogfmtLayout());
        encoder.start();
        appender.setEncoder(encoder);
        appender.start();
        root.addAppender(appender);
        try {
            GatewayLog log = new GatewayLog();
            log.component("ra").accept("ra: advertising on lan0 (ifindex 4)");
            log.component("health").accept("health dns64 down: no \"upstream\"\nanswered");
            log.component("gateway").accept("component ra is dead: thread gateway-ra ended");
            log.write("config", "[ra] interval is longer than the router lifetime");
        } finally {
            root.detachAppender(appender);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).matches("(ts=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z [^\n]*\n){4}");
        assertThat(text.replaceAll("ts=\\S+ ", "").split("\n")).containsExactly(
                "level=info component=ra msg=\"advertising on lan0 (ifindex 4)\"",
                "level=warn component=health msg=\"health dns64 down: no \\\"upstream\\\"\\nanswered\"",
                "level=warn component=gateway msg=\"component ra is dead: thread gateway-ra ended\"",
                "level=info component=config msg=\"[ra] interval is longer than the router lifetime\"");
    }

    @Test
    void ipv6OnlyShareIsIpv6OnlyOverAllClientsPerSubnet() {
        String text = Dhcp4Component.share(List.of(new Adoption("campus", 3, 1, 0), new Adoption("guests", 0, 0, 0)),
                false);
        assertThat(text).contains("v6mostly_dhcp4_ipv6_only_share{subnet=\"campus\"} 0.7500\n",
                "v6mostly_dhcp4_ipv6_only_share{subnet=\"guests\"} 0.0000\n", "v6mostly_dhcp4_option108_enabled 1\n");
        assertThat(Dhcp4Component.share(List.of(), true)).contains("v6mostly_dhcp4_option108_enabled 0\n");
    }
}
