package net.v6mostly.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.LoggingEvent;

/**
 * Jazzer target: any text as a log message (a DHCP host name, a DNS name, a config value end up in
 * messages), any logger name, any level, and an exception with any message, through both line
 * formats ({@link LogfmtLayout}, {@link JsonLinesLayout}). Invariants: each format gives exactly
 * one line, ended by its only newline, with no control character (C0, DEL, C1) in it (CWE-117: no
 * forged line, no terminal escape); the strict readers ({@link LogLineParser}) read it back into
 * exactly ts, level, component, msg (and err when there is an exception), the same values from both
 * formats; msg and err read back as the text given, or, when its escaped form is over the limit,
 * as a prefix of it cut at a character boundary followed by the marker naming the chars left off,
 * with the escaped field within its byte limit.
 */
class LogLineFuzzTest {
    private static final Level[] LEVELS = {Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR};
    private static final Pattern MARKER = Pattern.compile("\\.\\.\\.\\(truncated, (\\d+) more chars\\)$");

    @FuzzTest(maxDuration = "10s")
    void everyEventIsOneLineThatReadsBack(FuzzedDataProvider data) {
        Level level = data.pickValue(LEVELS);
        boolean thrown = data.consumeBoolean();
        String logger = data.consumeString(64);
        int repeat = data.consumeInt(1, 4_000);
        String errText = thrown ? data.consumeString(200) : null;
        String unit = data.consumeRemainingAsString();
        String msg = unit.repeat(Math.min(repeat, 4_000 / Math.max(1, unit.length())));
        LoggingEvent event = LogLayoutTest.event(logger, level, msg, thrown ? new IllegalStateException(errText) : null);

        Map<String, String> text = LogLineParser.logfmt(oneLine(new LogfmtLayout().doLayout(event)));
        Map<String, String> json = LogLineParser.json(oneLine(new JsonLinesLayout().doLayout(event)));
        assertThat(json).isEqualTo(text);
        assertThat(text.keySet()).containsExactlyElementsOf(
                thrown ? java.util.List.of("ts", "level", "component", "msg", "err")
                        : java.util.List.of("ts", "level", "component", "msg"));
        assertThat(text.get("level")).isEqualTo(level.levelStr.toLowerCase(java.util.Locale.ROOT));
        assertThat(text.get("component")).matches("[A-Za-z0-9._-]+");
        readsBack(msg, text.get("msg"), LogFields.MAX_MSG_BYTES);
        if (thrown) {
            assertThat(text.get("err")).startsWith("java.lang.IllegalStateException");
            String stack = LogFields.err(event);
            readsBack(stack, text.get("err"), LogFields.MAX_ERR_BYTES);
        }
    }

    /** The line without its newline, after checking that it is one line of printable text. */
    private static String oneLine(String line) {
        assertThat(line).endsWith("\n");
        String body = line.substring(0, line.length() - 1);
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
                throw new AssertionError("control character " + (int) c + " at " + i + ": " + body);
            }
        }
        return body;
    }

    private static void readsBack(String given, String read, int maxBytes) {
        StringBuilder escaped = new StringBuilder();
        LogFields.escape(escaped, given, maxBytes);
        assertThat(escaped.toString().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(maxBytes);
        if (LogFields.escapedBytes(given) <= maxBytes) {
            assertThat(read).isEqualTo(given);
            return;
        }
        Matcher m = MARKER.matcher(read);
        assertThat(m.find()).as("a cut field ends with the marker").isTrue();
        int kept = given.length() - Integer.parseInt(m.group(1));
        assertThat(kept).isBetween(0, given.length() - 1);
        assertThat(read.substring(0, m.start())).isEqualTo(given.substring(0, kept));
        assertThat(kept > 0 && Character.isHighSurrogate(given.charAt(kept - 1))
                && Character.isLowSurrogate(given.charAt(kept))).as("not cut inside a surrogate pair").isFalse();
    }
}
