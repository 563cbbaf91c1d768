package net.v6mostly.ops;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import net.v6mostly.config.LoggingSettings;

/**
 * The one logging style of v6mostly: SLF4J, with the component in every line. A component logs
 * through {@code Logs.component("nat64")}, the logger named {@code v6mostly.nat64}, and its lines
 * read {@code component=nat64}; any other logger (a class logger, a library) appears under the last
 * segment of its name, as logback's {@code %logger{0}}. The level of each line is the SLF4J level
 * it was logged at. Lines go to standard output ({@code logback.xml}) in the format of {@code
 * [logging] format}: {@link LogfmtLayout} or {@link JsonLinesLayout}. See {@code
 * docs/configuration.md}, {@code [logging]}.
 */
public final class Logs {
    /** The prefix of component logger names. */
    public static final String PREFIX = "v6mostly.";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)*");

    private Logs() {
    }

    /**
     * The logger of a component ({@code ra}, {@code dhcp4}, {@code dns64}, {@code nat64}, {@code
     * siit}, {@code clat}, {@code gateway}, {@code health}, {@code config}, {@code metrics}...): the
     * SLF4J logger {@code v6mostly.<name>}.
     *
     * @throws IllegalArgumentException when {@code name} is not lower-case letters, digits, '-' and '.'
     */
    public static Logger component(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a component name is lower-case letters, digits, '-' and '.', not \""
                    + name + "\"");
        }
        return LoggerFactory.getLogger(PREFIX + name);
    }

    /**
     * Applies {@code [logging]}: the format of every appender writing to a stream (standard output
     * in {@code logback.xml}), and the level of v6mostly's loggers ({@code v6mostly.*} and the
     * class loggers of {@code net.v6mostly.*}). Libraries (dnsjava) stay at {@code info}, or
     * {@code warn} with {@code level = "warn"}, so that {@code debug} shows v6mostly's details
     * only. Call it once the configuration file is read, and again after a reload; does nothing
     * when SLF4J is bound to another backend than logback.
     */
    public static void configure(LoggingSettings settings) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Level level = switch (settings.level()) {
            case DEBUG -> Level.DEBUG;
            case INFO -> Level.INFO;
            case WARN -> Level.WARN;
        };
        context.getLogger("v6mostly").setLevel(level);
        context.getLogger("net.v6mostly").setLevel(level);
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level == Level.WARN ? Level.WARN : Level.INFO);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext();) {
            if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender) {
                appender.setEncoder(encoder(context, settings.format()));
            }
        }
    }

    /** How many {@code msg} or {@code err} values were cut at their limit since the start. */
    public static long truncatedFields() {
        return LogFields.TRUNCATED.sum();
    }

    /** The layout of {@code format}. */
    static LayoutBase<ILoggingEvent> layout(LoggingSettings.Format format) {
        return switch (format) {
            case TEXT -> new LogfmtLayout();
            case JSON -> new JsonLinesLayout();
        };
    }

    private static LayoutWrappingEncoder<ILoggingEvent> encoder(LoggerContext context, LoggingSettings.Format format) {
        LayoutBase<ILoggingEvent> layout = layout(format);
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }
}
