package net.v6mostly.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import net.v6mostly.config.LoggingSection;
import net.v6mostly.config.LoggingSettings;
import net.v6mostly.config.LoggingSettings.Format;
import net.v6mostly.config.LoggingSettings.Level;

/**
 * {@link Logs#configure} switches the real logback context (the one {@code logback.xml} set up):
 * the format of every stream appender and the level of v6mostly's loggers, not of libraries.
 */
@SuppressWarnings("unchecked")
class LogsConfigureTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private OutputStreamAppender<ILoggingEvent> appender;
    private ch.qos.logback.classic.Logger root;

    @BeforeEach
    void attach() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setName("test-capture");
        appender.setOutputStream(out);
        appender.setEncoder(new ch.qos.logback.classic.encoder.PatternLayoutEncoder());
        appender.getEncoder().setContext(context);
        ((ch.qos.logback.classic.encoder.PatternLayoutEncoder) appender.getEncoder()).setPattern("%msg%n");
        appender.getEncoder().start();
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void detach() {
        Logs.configure(LoggingSection.DEFAULTS);
        root.detachAppender(appender);
        appender.stop();
    }

    private String lines() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void logbackXmlWritesLogfmtInUtf8ToStandardOutput() {
        assertThat(root.getAppender("STDOUT")).isInstanceOf(ConsoleAppender.class);
        ConsoleAppender<ILoggingEvent> stdout = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDOUT");
        assertThat(stdout.getTarget()).isEqualTo("System.out");
        assertThat(stdout.getEncoder()).isInstanceOf(LayoutWrappingEncoder.class);
        LayoutWrappingEncoder<ILoggingEvent> encoder = (LayoutWrappingEncoder<ILoggingEvent>) stdout.getEncoder();
        assertThat(encoder.getLayout()).isInstanceOf(LogfmtLayout.class);
        assertThat(encoder.getCharset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(root.getLevel()).isEqualTo(ch.qos.logback.classic.Level.INFO);
    }

    @Test
    void jsonAtDebugThenTextAtInfo() {
        Logs.configure(new LoggingSettings(Format.JSON, Level.DEBUG));
        Logs.component("dhcp4").debug("OFFER {} to {}", "192.0.2.10", "02:00:00:00:00:01");
        LoggerFactory.getLogger("org.xbill.DNS.Lookup").debug("a library's detail");
        assertThat(lines()).matches("\\{\"ts\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\",\"level\":\"debug\","
                + "\"component\":\"dhcp4\",\"msg\":\"OFFER 192.0.2.10 to 02:00:00:00:00:01\"}\n");

        out.reset();
        Logs.configure(LoggingSection.DEFAULTS);
        Logs.component("dhcp4").debug("hidden at info");
        Logs.component("dhcp4").info("serving {}", "lan0");
        assertThat(lines()).matches("ts=\\S+Z level=info component=dhcp4 msg=\"serving lan0\"\n");
    }

    @Test
    void warnHidesInfoEverywhere() {
        Logs.configure(new LoggingSettings(Format.TEXT, Level.WARN));
        Logs.component("ra").info("advertising");
        LoggerFactory.getLogger("org.xbill.DNS.Lookup").info("a library's news");
        LoggerFactory.getLogger("net.v6mostly.cli.SiitDaemon").warn("TUN down");
        assertThat(lines()).matches("ts=\\S+Z level=warn component=SiitDaemon msg=\"TUN down\"\n");
    }
}
