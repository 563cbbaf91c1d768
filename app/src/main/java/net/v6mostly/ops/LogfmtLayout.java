package net.v6mostly.ops;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;

/**
 * The text log format ({@code [logging] format = "text"}, the default): one logfmt line per event,
 * which journald, Loki ({@code | logfmt}), Vector ({@code parse_logfmt}) and Fluent Bit read as
 * key/value pairs:
 *
 * <pre>{@code ts=2026-12-03T13:20:00.123Z level=info component=ra msg="advertising on eth1"}</pre>
 *
 * <p>An exception adds {@code err="java.io.IOException: boom\n\tat ..."} after {@code msg} (the
 * stack trace, escaped, on the same line). Values are escaped as {@link LogFields} says; {@code
 * ts}, {@code level} and {@code component} never need quotes. Configured in {@code logback.xml}
 * through logback's {@code LayoutWrappingEncoder}, or by {@link Logs#configure}.
 */
public final class LogfmtLayout extends LayoutBase<ILoggingEvent> {
    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder out = new StringBuilder(128);
        out.append("ts=").append(LogFields.ts(event)).append(" level=").append(LogFields.level(event.getLevel()))
                .append(" component=").append(LogFields.component(event.getLoggerName())).append(" msg=\"");
        LogFields.escape(out, LogFields.msg(event), LogFields.MAX_MSG_BYTES);
        out.append('"');
        String err = LogFields.err(event);
        if (err != null) {
            out.append(" err=\"");
            LogFields.escape(out, err, LogFields.MAX_ERR_BYTES);
            out.append('"');
        }
        return out.append('\n').toString();
    }
}
