package net.v6mostly.config;

/**
 * How the daemons log ({@code [logging]}): the line format and the lowest level written.
 *
 * @param format text (logfmt) or JSON lines
 * @param level the lowest level of v6mostly's own lines
 */
public record LoggingSettings(Format format, Level level) {
    /** The line format. */
    public enum Format {
        /** logfmt: {@code ts=... level=info component=ra msg="..."} (the default). */
        TEXT,
        /** One JSON object per line with keys ts, level, component, msg and err. */
        JSON
    }

    /** The lowest level written; each includes those after it. */
    public enum Level {
        /** Everything, with the details of each message handled. */
        DEBUG,
        /** What an operator follows: starts, stops, reloads, health changes (the default). */
        INFO,
        /** Only what needs attention. */
        WARN
    }

    /** Validates. */
    public LoggingSettings {
        if (format == null || level == null) {
            throw new IllegalArgumentException("format and level are required");
        }
    }
}
