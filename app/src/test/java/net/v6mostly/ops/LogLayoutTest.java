package net.v6mostly.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;

/**
 * The two line formats, byte for byte: logfmt (the default, as GatewayLog wrote it) and JSON lines;
 * RFC 8259 §7 escaping of quotes, backslash, newline, control characters and non-ASCII; the stack
 * trace in {@code err}; the component from the logger name; the length limits.
 */
class LogLayoutTest {
    static final LoggerContext CONTEXT = new LoggerContext();
    /** Quote, backslash, newline, ESC (a terminal escape), DEL, C1 CSI, é, 中, an emoji (a surrogate pair). */
    static final String HOSTILE = "host \"a\\b\"\nlevel=error \u001b[31mred\u007f\u009b é 中 \uD83D\uDE00";
    static final String HOSTILE_ESCAPED =
            "host \\\"a\\\\b\\\"\\nlevel=error \\u001b[31mred\\u007f\\u009b é 中 \uD83D\uDE00";

    /** An event of {@code logger} (only its name: no logger is made, so fuzzed names do not pile up). */
    static LoggingEvent event(String logger, Level level, String msg, Throwable t) {
        LoggingEvent e = new LoggingEvent(Logger.class.getName(), CONTEXT.getLogger("v6mostly"), level, msg, t, null);
        e.setLoggerName(logger);
        e.setInstant(Instant.parse("2026-12-03T13:20:00.123456Z"));
        return e;
    }

    static String text(LoggingEvent e) {
        return new LogfmtLayout().doLayout(e);
    }

    static String json(LoggingEvent e) {
        return new JsonLinesLayout().doLayout(e);
    }

    @Test
    void textIsTheGatewayLogfmtLine() {
        assertThat(text(event("v6mostly.ra", Level.INFO, "advertising on eth1", null)))
                .isEqualTo("ts=2026-12-03T13:20:00.123Z level=info component=ra msg=\"advertising on eth1\"\n");
        assertThat(text(event("v6mostly.health", Level.WARN, "health dns64 down", null)))
                .isEqualTo("ts=2026-12-03T13:20:00.123Z level=warn component=health msg=\"health dns64 down\"\n");
    }

    @Test
    void hostileMessageStaysOneEscapedLineInBothFormats() {
        LoggingEvent e = event("v6mostly.dhcp4", Level.INFO, HOSTILE, null);
        assertThat(text(e)).isEqualTo(
                "ts=2026-12-03T13:20:00.123Z level=info component=dhcp4 msg=\"" + HOSTILE_ESCAPED + "\"\n");
        assertThat(json(e)).isEqualTo("{\"ts\":\"2026-12-03T13:20:00.123Z\",\"level\":\"info\",\"component\":\"dhcp4\","
                + "\"msg\":\"" + HOSTILE_ESCAPED + "\"}\n");
        assertThat(LogLineParser.logfmt(strip(text(e)))).containsEntry("msg", HOSTILE).containsEntry("level", "info");
        assertThat(LogLineParser.json(strip(json(e)))).containsExactly(Map.entry("ts", "2026-12-03T13:20:00.123Z"),
                Map.entry("level", "info"), Map.entry("component", "dhcp4"), Map.entry("msg", HOSTILE));
    }

    @Test
    void everyControlCharacterIsEscapedAsRfc8259Says() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            all.append(c);
        }
        String line = json(event("v6mostly.dns64", Level.INFO, all + "\u2028\uD800", null));
        assertThat(line).contains("\"msg\":\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\u0008\\t\\n"
                + "\\u000b\\u000c\\r\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018"
                + "\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f\\u2028\\ud800\"");
        assertThat(line.chars().limit(line.length() - 1)).allMatch(c -> c >= 0x20);
        assertThat(LogLineParser.json(strip(line)).get("msg")).isEqualTo(all + "\u2028\uD800");
    }

    @Test
    void levelsComeFromSlf4j() {
        for (Level l : List.of(Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR)) {
            assertThat(text(event("v6mostly.nat64", l, "cannot refused down", null)))
                    .contains(" level=" + l.levelStr.toLowerCase(java.util.Locale.ROOT) + " component=nat64 ");
        }
    }

    @Test
    void componentIsTheComponentLoggerOrTheClassName() {
        assertThat(text(event("net.v6mostly.cli.SiitDaemon", Level.INFO, "x", null))).contains(" component=SiitDaemon ");
        assertThat(text(event("org.xbill.DNS.SimpleResolver", Level.INFO, "x", null)))
                .contains(" component=SimpleResolver ");
        assertThat(text(event("v6mostly.nat64.mapping", Level.INFO, "x", null))).contains(" component=nat64.mapping ");
        assertThat(LogFields.component("a b\"c")).isEqualTo("a_b_c");
        assertThat(LogFields.component(Logger.ROOT_LOGGER_NAME)).isEqualTo("ROOT");
    }

    @Test
    void anExceptionGoesIntoErrWithItsStackTraceOnTheSameLine() {
        IOException boom = new IOException("no \"route\"", new IllegalStateException("fd\nclosed"));
        String line = text(event("v6mostly.nat64", Level.ERROR, "TUN read failed", boom));
        assertThat(line).startsWith("ts=2026-12-03T13:20:00.123Z level=error component=nat64 msg=\"TUN read failed\""
                + " err=\"java.io.IOException: no \\\"route\\\"\\n\\tat net.v6mostly.ops.LogLayoutTest.")
                .endsWith("\"\n").contains("\\nCaused by: java.lang.IllegalStateException: fd\\nclosed\\n\\t");
        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        Map<String, String> fields = LogLineParser.logfmt(strip(line));
        assertThat(fields.keySet()).containsExactly("ts", "level", "component", "msg", "err");
        assertThat(fields.get("err")).startsWith("java.io.IOException: no \"route\"\n\tat ").doesNotEndWith("\n");

        String j = json(event("v6mostly.nat64", Level.ERROR, "TUN read failed", boom));
        Map<String, String> members = LogLineParser.json(strip(j));
        assertThat(members.keySet()).containsExactly("ts", "level", "component", "msg", "err");
        assertThat(members.get("err")).isEqualTo(fields.get("err"));
    }

    @Test
    void longFieldsAreCutUnderTheLimitAndCounted() {
        long before = Logs.truncatedFields();
        String escapes = "\u001b".repeat(LogFields.MAX_MSG_BYTES);
        String line = text(event("v6mostly.dhcp4", Level.INFO, escapes, null));
        String msg = LogLineParser.logfmt(strip(line)).get("msg");
        assertThat(msg).matches("\u001b+\\.\\.\\.\\(truncated, \\d+ more chars\\)");
        int kept = msg.indexOf('.');
        assertThat(msg).endsWith("(truncated, " + (escapes.length() - kept) + " more chars)");
        int escapedBytes = line.length() - line.indexOf("msg=\"") - 7;
        assertThat(escapedBytes).isLessThanOrEqualTo(LogFields.MAX_MSG_BYTES).isGreaterThan(LogFields.MAX_MSG_BYTES - 64);
        assertThat(Logs.truncatedFields()).isEqualTo(before + 1);

        String exact = "é".repeat(LogFields.MAX_MSG_BYTES / 2);
        assertThat(LogLineParser.json(strip(json(event("v6mostly.dhcp4", Level.INFO, exact, null)))).get("msg"))
                .as("exactly at the limit: kept whole").isEqualTo(exact);
        String over = exact + "x";
        String cut = LogLineParser.json(strip(json(event("v6mostly.dhcp4", Level.INFO, over, null)))).get("msg");
        assertThat(cut).startsWith("éé").endsWith(" more chars)");
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(LogFields.MAX_MSG_BYTES);
        assertThat(Logs.truncatedFields()).isEqualTo(before + 2);
    }

    @Test
    void pythonsJsonModuleReadsTheLinesBack() throws Exception {
        assumeTrue(new java.io.File("/usr/bin/python3").canExecute(), "python3 is not installed");
        String msg = HOSTILE + "\u0000\u2028\uD800";
        String lines = json(event("v6mostly.dhcp4", Level.INFO, msg, null))
                + json(event("v6mostly.nat64", Level.ERROR, "x", new IOException("a\tb")));
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import json, sys\n"
                + "for line in sys.stdin.buffer.read().decode('utf-8').splitlines():\n"
                + "    o = json.loads(line)\n"
                + "    print(sorted(o), o['msg'].encode('utf-16-be', 'surrogatepass').hex(), 'err' in o and o['err'][:24])\n")
                .redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(lines.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo("['component', 'level', 'msg', 'ts'] "
                + msg.chars().mapToObj(c -> "%04x".formatted(c)).collect(java.util.stream.Collectors.joining())
                + " False\n"
                + "['component', 'err', 'level', 'msg', 'ts'] 0078 java.io.IOException: a\tb\n");
    }

    @Test
    void componentNamesAreChecked() {
        assertThat(Logs.component("nat64").getName()).isEqualTo("v6mostly.nat64");
        assertThat(Logs.component("nat64.mapping").getName()).isEqualTo("v6mostly.nat64.mapping");
        assertThatThrownBy(() -> Logs.component("NAT 64")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a component name is lower-case letters, digits, '-' and '.', not \"NAT 64\"");
    }

    static String strip(String line) {
        assertThat(line).endsWith("\n");
        return line.substring(0, line.length() - 1);
    }

    static String capture(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.UTF_8);
    }
}
