package net.v6mostly.config;

import java.nio.file.Path;

/**
 * Everything {@code v6mostly nat64} reads from its file: {@code [nat64]} (with {@code [nat64.tun]})
 * and {@code [metrics]}, validated together.
 *
 * @param nat64 the NAT64
 * @param metrics the metrics endpoint (also serves the bib, sessions and stats pages)
 */
public record Nat64DaemonConfig(Nat64Section nat64, MetricsSettings metrics) {

    /** Loads and validates {@code path}. */
    public static Nat64DaemonConfig load(Path path) throws ConfigException {
        return read(ConfigFile.load(path));
    }

    /** Validates a parsed file. */
    public static Nat64DaemonConfig read(ConfigFile file) throws ConfigException {
        ConfigSections.checkKnown(file);
        return new Nat64DaemonConfig(Nat64Section.read(file), MetricsSection.read(file));
    }
}
