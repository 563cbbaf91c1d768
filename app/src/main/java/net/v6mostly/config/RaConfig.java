package net.v6mostly.config;

import java.util.List;

import net.v6mostly.ndp.RaInterfaceSettings;

/**
 * The {@code [ra]} table read and validated: one {@link RaInterfaceSettings} per advertising
 * interface, and the warnings (legal but questionable settings) to log when it is loaded.
 *
 * @param interfaces the interfaces, in file order
 * @param warnings   located warnings, e.g. a PREF64 lifetime shorter than the router lifetime
 */
public record RaConfig(List<RaInterfaceSettings> interfaces, List<String> warnings) {
    public RaConfig {
        interfaces = List.copyOf(interfaces);
        warnings = List.copyOf(warnings);
    }
}
