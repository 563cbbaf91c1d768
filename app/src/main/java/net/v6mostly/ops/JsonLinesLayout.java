package net.v6mostly.ops;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;

/**
 * The JSON log format ({@code [logging] format = "json"}): one JSON object per line (JSON Lines,
 * RFC 8259 texts separated by newlines) for log collectors, with the same fields as the text
 * format:
 *
 * <pre>{@code {"ts":"2026-12-03T13:20:00.123Z","level":"info","component":"ra","msg":"advertising on eth1"}}</pre>
 *
 * <p>{@code err} (the stack trace) follows {@code msg} when the event carries an exception. Strings
 * are escaped as {@link LogFields} says (RFC 8259 §7: every control character escaped, so a
 * message never breaks the line). Not logback's own {@code JsonEncoder}: its keys ({@code
 * timestamp} in epoch milliseconds, {@code loggerName}, {@code message}, upper-case levels, a
 * {@code context} object) are not the fields the text format and the docs name, and it has no
 * {@code component}.
 */
public final class JsonLinesLayout extends LayoutBase<ILoggingEvent> {
    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder out = new StringBuilder(160);
        out.append("{\"ts\":\"").append(LogFields.ts(event)).append("\",\"level\":\"")
                .append(LogFields.level(event.getLevel())).append("\",\"component\":\"")
                .append(LogFields.component(event.getLoggerName())).append("\",\"msg\":\"");
        LogFields.escape(out, LogFields.msg(event), LogFields.MAX_MSG_BYTES);
        out.append('"');
        String err = LogFields.err(event);
        if (err != null) {
            out.append(",\"err\":\"");
            LogFields.escape(out, err, LogFields.MAX_ERR_BYTES);
            out.append('"');
        }
        return out.append("}\n").toString();
    }
}
