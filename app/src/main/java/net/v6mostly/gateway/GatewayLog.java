package net.v6mostly.gateway;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Structured log lines in logfmt, one event per line, which journald, Loki, Vector and Fluent Bit
 * parse as key/value pairs: {@code ts=2026-12-03T13:20:00.123Z level=info component=ra
 * msg="advertising on eth1 (ifindex 4)"}. The level is {@code warn} for warnings, errors, health
 * downs, withdrawn signalling and dead components.
 */
public final class GatewayLog {
    private final PrintWriter out;
    private final Clock clock;

    /** A log writing to {@code out} with timestamps from {@code clock}. */
    public GatewayLog(PrintWriter out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /** A sink for one component's lines; a leading {@code "<component>: "} is dropped. */
    public Consumer<String> component(String name) {
        return line -> write(name, line.startsWith(name + ": ") ? line.substring(name.length() + 2) : line);
    }

    /** Writes one line. */
    public synchronized void write(String component, String message) {
        out.println(format(clock.instant().toString(), component, message));
        out.flush();
    }

    /** The logfmt line; the message is quoted with {@code \"} and {@code \\} escaped and newlines as {@code \n}. */
    static String format(String ts, String component, String message) {
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        boolean warn = lower.contains("warning") || lower.contains("error") || lower.contains(" down")
                || lower.startsWith("down") || lower.contains("withdrawn") || lower.contains("cannot")
                || lower.contains("refused") || lower.contains(" is dead");
        return "ts=" + ts + " level=" + (warn ? "warn" : "info") + " component=" + component + " msg=\""
                + message.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
