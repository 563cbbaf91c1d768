package net.v6mostly.config;

/**
 * A configuration error located in the file: {@code siit.toml:7: [siit] pool6: what is wrong}. The
 * CLI prints the message as it is and exits with status 2.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String where;

    /**
     * Creates the error.
     *
     * @param file    the file as the user named it
     * @param line    1-based line, or 0 when the error concerns the whole file
     * @param where   the table and key, e.g. {@code [siit] pool6}, or null for the file itself
     * @param problem what is wrong and, where possible, what would be right
     */
    public ConfigException(String file, int line, String where, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + (where == null ? "" : where + ": ") + problem);
        this.file = file;
        this.line = line;
        this.where = where;
    }

    /** The file as the user named it. */
    public String file() {
        return file;
    }

    /** The 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** The table and key, or null. */
    public String where() {
        return where;
    }
}
