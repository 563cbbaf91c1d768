package net.v6mostly.config;

import java.util.List;

/**
 * The top-level tables a v6mostly configuration file may hold. A component that adds a table
 * ({@code [dhcp4]}, {@code [ra]}, {@code [dns64]}, {@code [nat64]}...) adds its name here and reads
 * it in its own section class; tables not listed are refused as typos.
 */
public final class ConfigSections {
    /** Every known table name. */
    public static final List<String> KNOWN = List.of(SiitSection.NAME, MetricsSection.NAME, Dns64Section.NAME,
            RaSection.NAME, Dhcp4Section.NAME, Nat64Section.NAME, ClatSection.NAME, SharedPref64.NAME,
            GatewaySection.NAME, LoggingSection.NAME);

    private ConfigSections() {
    }

    /** Fails, naming the line, on the first top-level table of {@code file} that no component reads. */
    public static void checkKnown(ConfigFile file) throws ConfigException {
        file.checkSections(KNOWN);
    }
}
