package net.v6mostly.gateway;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Consumer;

import net.v6mostly.ops.Logs;
import org.slf4j.Logger;

/**
 * A shim, kept until the gateway's components log through {@link Logs#component} themselves:
 * hands the message lines of {@code Consumer<String>} sinks to the component's SLF4J logger
 * ({@code v6mostly.<component>}), whose lines logback writes in the {@code [logging]} format
 * ({@code ts=... level=info component=ra msg="..."} by default, see {@link
 * net.v6mostly.ops.LogfmtLayout}). A plain line carries no level, so this shim alone still takes it
 * from the words: {@code warn} for warnings, errors, health downs, withdrawn signalling and dead
 * components, else {@code info}. Code that logs through SLF4J states its level instead.
 */
public final class GatewayLog {
    /** A log through the component loggers. */
    public GatewayLog() {
    }

    /**
     * The former constructor, kept for its callers: lines now go to logback's appender (standard
     * output) with logback's timestamps, so {@code out} and {@code clock} are not used.
     */
    public GatewayLog(PrintWriter out, Clock clock) {
        this();
    }

    /** A sink for one component's lines; a leading {@code "<component>: "} is dropped. */
    public Consumer<String> component(String name) {
        Logger log = Logs.component(name);
        String prefix = name + ": ";
        return line -> write(log, line.startsWith(prefix) ? line.substring(prefix.length()) : line);
    }

    /** Writes one line of {@code component}. */
    public void write(String component, String message) {
        write(Logs.component(component), message);
    }

    private static void write(Logger log, String message) {
        if (isWarning(message)) {
            log.warn("{}", message);
        } else {
            log.info("{}", message);
        }
    }

    /** Whether a plain line reads as a warning (the level GatewayLog gave it). */
    static boolean isWarning(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("warning") || lower.contains("error") || lower.contains(" down")
                || lower.startsWith("down") || lower.contains("withdrawn") || lower.contains("cannot")
                || lower.contains("refused") || lower.contains(" is dead");
    }
}
