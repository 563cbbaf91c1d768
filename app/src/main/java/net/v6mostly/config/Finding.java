package net.v6mostly.config;

/**
 * One result of {@code check-config}: an error (the gateway would refuse the file) or a warning
 * (legal but likely wrong), with a message that names the file, line and key.
 *
 * @param error   true for an error
 * @param check   the check's short name, e.g. {@code android-pref64-length}; {@code parse} for a reader error
 * @param message {@code file:line: [table] key: problem}
 */
public record Finding(boolean error, String check, String message) {
    /** An error from {@code e}. */
    static Finding error(String check, ConfigException e) {
        return new Finding(true, check, e.getMessage());
    }

    /** A warning from {@code e}. */
    static Finding warning(String check, ConfigException e) {
        return new Finding(false, check, e.getMessage());
    }

    @Override
    public String toString() {
        return (error ? "error" : "warning") + ": " + message + " [" + check + "]";
    }
}
