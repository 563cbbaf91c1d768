package net.v6mostly.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import net.v6mostly.dns64.Dns64Settings;
import net.v6mostly.xlat.rfc6877.ClatSettings;

/**
 * Reads one file into the {@link RunConfig} of each command. Every daemon reads its component's
 * table, {@code [metrics]} (one endpoint table for all; default ports differ so that daemons on one
 * host do not collide: {@code ra} 9465, {@code dns64} 9466, {@code dhcp4} 9467, the others 9464) and the supervision keys of {@code [gateway]}; the gateway reads them all
 * ({@link GatewaySection}). A table or key the command does not use is never silently ignored: it is
 * reported as a warning naming the command that does use it ({@link #unusedTables}).
 */
public final class RunConfigs {
    /** The tables each command reads; {@code gateway}, {@code metrics} and {@code logging} are read by all. */
    static final Map<String, Set<String>> TABLES = Map.of(
            "siit", Set.of(SiitSection.NAME),
            "nat64", Set.of(Nat64Section.NAME),
            "clat", Set.of(ClatSection.NAME),
            "dhcp4", Set.of(Dhcp4Section.NAME),
            "ra", Set.of(RaSection.NAME, SharedPref64.NAME, SiitSection.NAME),      // the shared PREF64:
            "dns64", Set.of(Dns64Section.NAME, SharedPref64.NAME, SiitSection.NAME), // [pref64] or [siit] pool6
            "gateway", Set.of(SharedPref64.NAME, RaSection.NAME, Dhcp4Section.NAME, Dns64Section.NAME,
                    Nat64Section.NAME, ClatSection.NAME));

    /** {@code v6mostly ra}'s default metrics port: beside a gateway, a NAT64 or a DHCPv4 server on one host. */
    public static final int RA_METRICS_PORT = 9465;
    /** {@code v6mostly dns64}'s default metrics port. */
    public static final int DNS64_METRICS_PORT = 9466;

    /** The tables every daemon reads. */
    private static final Set<String> ALL = Set.of(MetricsSection.NAME, GatewaySection.NAME, LoggingSection.NAME);

    private RunConfigs() {
    }

    /** Loads {@code path} for {@code command} ({@code gateway}, {@code siit}, {@code nat64}, {@code clat}, {@code dhcp4}, {@code ra}, {@code dns64}). */
    public static RunConfig load(String command, Path path) throws ConfigException {
        return read(command, ConfigFile.load(path));
    }

    /** Reads a parsed file for {@code command}: its component's table, {@code [metrics]}, supervision. */
    public static RunConfig read(String command, ConfigFile file) throws ConfigException {
        if (command.equals("gateway")) {
            return GatewaySection.read(file);
        }
        ConfigSections.checkKnown(file);
        List<String> warnings = new ArrayList<>(unusedTables(file, command));
        Object component = switch (command) {
            case "siit" -> new SiitConfig(SiitSection.read(file), TunSection.read(file));
            case "nat64" -> Nat64Section.read(file);
            case "clat" -> ClatSection.read(file);
            case "dns64" -> Dns64Section.read(file);
            case "dhcp4" -> {
                Dhcp4Section.Settings dhcp4 = Dhcp4Section.read(file);
                dhcp4.warnings().forEach(w -> warnings.add("warning: " + w));
                yield dhcp4;
            }
            case "ra" -> {
                RaConfig ra = RaSection.read(file);
                warnings.addAll(ra.warnings());
                yield ra;
            }
            default -> throw new IllegalArgumentException("no daemon command " + command);
        };
        return standalone(component, MetricsSection.read(file, metricsPort(command)),
                GatewaySection.supervision(file, SupervisionSettings.STANDALONE), LoggingSection.read(file), warnings);
    }

    /** {@code v6mostly clat -i IF}: the defaults for uplink {@code iface}, no file. */
    public static RunConfig clatDefaults(String iface) {
        return standalone(ClatSection.defaults(iface), MetricsSection.DEFAULTS, SupervisionSettings.STANDALONE,
                LoggingSection.DEFAULTS, List.of());
    }

    /** Where {@code command} serves its metrics unless {@code [metrics] listen} says otherwise. */
    public static int metricsPort(String command) {
        return switch (command) {
            case "ra" -> RA_METRICS_PORT;
            case "dns64" -> DNS64_METRICS_PORT;
            case "dhcp4" -> Dhcp4Section.DEFAULT_METRICS_PORT;
            default -> MetricsSettings.DEFAULT_PORT;
        };
    }

    /** The configuration of a single-component daemon running {@code component}. */
    private static RunConfig standalone(Object component, MetricsSettings metrics, SupervisionSettings supervision,
            LoggingSettings logging, List<String> warnings) {
        return new RunConfig(null, component instanceof RaConfig r ? r : null,
                component instanceof Dhcp4Section.Settings d ? d : null, component instanceof Dns64Settings d ? d : null,
                component instanceof Nat64Section n ? n : null, component instanceof SiitConfig s ? s : null,
                component instanceof ClatSettings c ? c : null, metrics, GatewaySettings.DEFAULTS, supervision, logging,
                warnings);
    }

    /**
     * What in {@code file} {@code command} does not use: tables of other commands, and
     * {@code [gateway]} keys other than supervision outside the gateway; one warning each.
     */
    public static List<String> unusedTables(ConfigFile file, String command) throws ConfigException {
        return unused(file, command).stream().map(ConfigException::getMessage).toList();
    }

    /** The same, located at the table or key, for check-config. */
    static List<ConfigException> unused(ConfigFile file, String command) throws ConfigException {
        List<ConfigException> out = new ArrayList<>();
        Set<String> used = TABLES.get(command);
        for (String table : ConfigSections.KNOWN) {
            Optional<ConfigSection> s = file.section(table);
            if (s.isPresent() && !ALL.contains(table) && !used.contains(table)) {
                out.add(s.get().error(null, unused(table, command)));
            }
        }
        Optional<ConfigSection> gateway = file.section(GatewaySection.NAME);
        if (!command.equals("gateway") && gateway.isPresent()) {
            for (String key : GatewaySection.KEYS) {
                if (!GatewaySection.SUPERVISION_KEYS.contains(key) && gateway.get().has(key)) {
                    out.add(gateway.get().error(key, "not used by v6mostly " + command + " (only by v6mostly gateway)"));
                }
            }
        }
        return out;
    }

    /**
     * The command {@code file} is for, as check-config guesses it: the gateway with {@code [pref64]}
     * or more than one component, else the one component's daemon.
     */
    static String commandFor(ConfigFile file) throws ConfigException {
        List<String> components = new ArrayList<>();
        for (String c : List.of("siit", "nat64", "clat", "dhcp4", "ra", "dns64")) {
            if (file.section(c).isPresent()) {
                components.add(c);
            }
        }
        return file.section(SharedPref64.NAME).isPresent() || components.size() != 1 ? "gateway" : components.get(0);
    }

    /** The warning for a table {@code command} does not read. */
    static String unused(String table, String command) {
        List<String> users = new ArrayList<>();
        TABLES.forEach((c, tables) -> {
            if (tables.contains(table) && !c.equals(command)) {
                users.add("v6mostly " + c);
            }
        });
        java.util.Collections.sort(users);
        return "not used by v6mostly " + command + " (it is for " + String.join(" and ", users) + ")";
    }
}
