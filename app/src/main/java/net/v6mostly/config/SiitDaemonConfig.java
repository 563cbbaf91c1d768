package net.v6mostly.config;

import java.nio.file.Path;

/**
 * Everything {@code v6mostly siit} reads from its file: the translator ({@code [siit]}), its TUN
 * device ({@code [siit.tun]}) and the metrics endpoint ({@code [metrics]}), validated together.
 *
 * @param siit    the translator's settings
 * @param tun     the device and its link configuration
 * @param metrics the metrics endpoint
 */
public record SiitDaemonConfig(net.v6mostly.xlat.SiitSettings siit, TunSettings tun, MetricsSettings metrics) {

    /** Loads and validates {@code path}: unknown tables, {@code [siit]}, {@code [siit.tun]}, {@code [metrics]}. */
    public static SiitDaemonConfig load(Path path) throws ConfigException {
        return read(ConfigFile.load(path));
    }

    /** Validates a parsed file. */
    public static SiitDaemonConfig read(ConfigFile file) throws ConfigException {
        ConfigSections.checkKnown(file);
        return new SiitDaemonConfig(SiitSection.read(file), TunSection.read(file), MetricsSection.read(file));
    }
}
