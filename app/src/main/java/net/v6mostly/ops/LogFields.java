package net.v6mostly.ops;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;

/**
 * The fields every log line carries, in both formats ({@link LogfmtLayout}, {@link JsonLinesLayout}):
 * {@code ts} (UTC, milliseconds, RFC 3339 §5.6), {@code level} (from SLF4J, lower case),
 * {@code component} ({@link Logs#component}), {@code msg}, and {@code err} (the stack trace) when
 * the event carries an exception; and the one string escaping both formats share.
 *
 * <p>Escaping (RFC 8259 §7, which logfmt parsers such as go-logfmt, Loki's and Vector's follow):
 * {@code "} and {@code \} are escaped, newline, carriage return and tab become {@code \n}, {@code
 * \r}, {@code \t}, and every other control character (C0, DEL, C1), U+2028/U+2029 and unpaired
 * surrogates become {@code \}{@code uXXXX}; everything else is written as UTF-8. A message can
 * therefore never start a second line, forge a field nor send a terminal an escape sequence
 * (CWE-117), whatever a client put into it.
 *
 * <p>Limits: {@code msg} at most {@link #MAX_MSG_BYTES} and {@code err} at most {@link
 * #MAX_ERR_BYTES} bytes once escaped, so that a line stays under journald's default {@code
 * LineMax} of 48 KiB (longer lines are split there, breaking one event per line); a cut field ends
 * with {@code ...(truncated, N more chars)} and is counted ({@link Logs#truncatedFields()}).
 */
final class LogFields {
    /** The most bytes of the escaped message. */
    static final int MAX_MSG_BYTES = 8 * 1024;
    /** The most bytes of the escaped stack trace. */
    static final int MAX_ERR_BYTES = 32 * 1024;

    static final LongAdder TRUNCATED = new LongAdder();

    private static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** Room kept for the truncation marker: "...(truncated, " + up to 10 digits + " more chars)". */
    private static final int MARKER_ROOM = 40;

    private LogFields() {
    }

    /** {@code 2026-12-03T13:20:00.123Z}: the event's time in UTC with milliseconds. */
    static String ts(ILoggingEvent event) {
        return TS.format(event.getInstant());
    }

    /** {@code info}, {@code warn}, {@code error}, {@code debug}, {@code trace}. */
    static String level(Level level) {
        return level.levelStr.toLowerCase(Locale.ROOT);
    }

    /**
     * The component of a logger: {@code nat64} for {@code v6mostly.nat64}, the last segment of
     * any other name ({@code SiitDaemon} for {@code net.v6mostly.cli.SiitDaemon}, like logback's
     * {@code %logger{0}}); characters other than letters, digits, {@code . _ -} become {@code _}.
     */
    static String component(String loggerName) {
        String name = loggerName == null ? "" : loggerName;
        String c = name.startsWith(Logs.PREFIX) ? name.substring(Logs.PREFIX.length())
                : name.substring(name.lastIndexOf('.') + 1);
        if (c.isEmpty()) {
            return "root";
        }
        StringBuilder out = new StringBuilder(c.length());
        for (int i = 0; i < c.length(); i++) {
            char ch = c.charAt(i);
            boolean plain = ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '.'
                    || ch == '_' || ch == '-';
            out.append(plain ? ch : '_');
        }
        return out.toString();
    }

    /** The formatted message; {@code ""} for none. */
    static String msg(ILoggingEvent event) {
        String m = event.getFormattedMessage();
        return m == null ? "" : m;
    }

    /** The stack trace of the event's exception (causes included, no trailing newline), or null. */
    static String err(ILoggingEvent event) {
        IThrowableProxy t = event.getThrowableProxy();
        if (t == null) {
            return null;
        }
        String s = ThrowableProxyUtil.asString(t);
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }

    /**
     * Appends {@code s} escaped (without the surrounding quotes): all of it when that takes at
     * most {@code maxBytes} bytes of UTF-8, else a prefix cut at a character boundary and the
     * marker, together at most {@code maxBytes}.
     */
    static void escape(StringBuilder out, String s, int maxBytes) {
        int limit = escapedBytes(s) <= maxBytes ? Integer.MAX_VALUE : maxBytes - MARKER_ROOM;
        int used = 0;
        for (int i = 0; i < s.length(); ) {
            int start = out.length();
            int next = appendUnit(out, s, i);
            used += utf8Bytes(out, start);
            if (used > limit) {
                out.setLength(start);
                TRUNCATED.increment();
                out.append("...(truncated, ").append(s.length() - i).append(" more chars)");
                return;
            }
            i = next;
        }
    }

    /** The UTF-8 size of {@code s} escaped. */
    static int escapedBytes(String s) {
        StringBuilder scratch = new StringBuilder(8);
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            scratch.setLength(0);
            i = appendUnit(scratch, s, i);
            bytes += utf8Bytes(scratch, 0);
        }
        return bytes;
    }

    /** Appends the character (or surrogate pair) at {@code i} escaped; returns the index after it. */
    private static int appendUnit(StringBuilder out, String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(i + 1));
            return i + 2;
        }
        escapeChar(out, c);
        return i + 1;
    }

    private static void escapeChar(StringBuilder out, char c) {
        switch (c) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                if (c < 0x20 || c >= 0x7f && c <= 0x9f || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)) {
                    out.append("\\u").append(HEX[c >>> 12]).append(HEX[c >>> 8 & 0xf]).append(HEX[c >>> 4 & 0xf])
                            .append(HEX[c & 0xf]);
                } else {
                    out.append(c);
                }
            }
        }
    }

    /** UTF-8 size of what was appended from {@code start} (surrogates come only in pairs: 2 + 2). */
    private static int utf8Bytes(StringBuilder out, int start) {
        int bytes = 0;
        for (int i = start; i < out.length(); i++) {
            char c = out.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }
}
