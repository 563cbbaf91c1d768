package net.v6mostly.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads the {@code [logging]} table: {@code format = "text"} (logfmt, the default) or {@code
 * "json"} (JSON lines for log collectors), and {@code level = "info"} (the default), {@code
 * "debug"} or {@code "warn"}. Every daemon reads it; the runner applies it at start ({@code
 * ops/Logs.configure}). Documented in {@code docs/configuration.md}.
 */
public final class LoggingSection {
    /** The table name. */
    public static final String NAME = "logging";

    /** Every key the table accepts. */
    public static final List<String> KEYS = List.of("format", "level");

    /** The defaults: logfmt text at level info. */
    public static final LoggingSettings DEFAULTS =
            new LoggingSettings(LoggingSettings.Format.TEXT, LoggingSettings.Level.INFO);

    private LoggingSection() {
    }

    /** Reads the file's {@code [logging]} table; the defaults when it is absent. */
    public static LoggingSettings read(ConfigFile file) throws ConfigException {
        var s = file.section(NAME);
        if (s.isEmpty()) {
            return DEFAULTS;
        }
        s.get().checkKeys(KEYS);
        var format = s.get().parsed("format", DEFAULTS.format(), t -> choice(t, LoggingSettings.Format.class));
        var level = s.get().parsed("level", DEFAULTS.level(), t -> choice(t, LoggingSettings.Level.class));
        return new LoggingSettings(format, level);
    }

    /** The constant named {@code text} in lower case, or an error listing them with a did-you-mean hint. */
    static <E extends Enum<E>> E choice(String text, Class<E> type) {
        List<String> names = Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
        int at = names.indexOf(text);
        if (at >= 0) {
            return type.getEnumConstants()[at];
        }
        List<String> quoted = names.stream().map(n -> '"' + n + '"').toList();
        String choices = String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.getLast();
        throw new IllegalArgumentException("must be " + choices + ", not \"" + text + "\"" + DidYouMean.hint(text, names));
    }
}
