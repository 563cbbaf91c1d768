package net.v6mostly.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import net.v6mostly.dns64.Dns64Settings;

/**
 * Reads one file into the {@link RunConfig} of each command. Every daemon reads its component's
 * table, {@code [metrics]} (one endpoint table for all; default ports differ so that daemons on one
 * host do not collide: {@code ra} 9465, {@code dns64} 9466, {@code dhcp4} 9467, the others 9464) and the supervision keys of {@code [gateway]}; the gateway reads them all
 * ({@link GatewaySection}). A table or key the command does not use is never silently ignored: it is
 * reported as a warning naming the command that does use it ({@link #unusedTables}).
 */
public final class RunConfigs {
    /** The tables each command reads; {@code gateway} and {@code metrics} are read by all. */
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

    private RunConfigs() {
    }

    /** {@code v6mostly siit}: {@code [siit]} and {@code [siit.tun]}. */
    public static RunConfig siit(Path path) throws ConfigException {
        ConfigFile file = ConfigFile.load(path);
        return standalone(file, "siit", MetricsSettings.DEFAULT_PORT).with(
                new SiitConfig(SiitSection.read(file), TunSection.read(file)));
    }

    /** {@code v6mostly nat64}: {@code [nat64]} with {@code [nat64.tun]}. */
    public static RunConfig nat64(Path path) throws ConfigException {
        ConfigFile file = ConfigFile.load(path);
        return standalone(file, "nat64", MetricsSettings.DEFAULT_PORT).with(Nat64Section.read(file));
    }

    /** {@code v6mostly clat -c}: {@code [clat]}. */
    public static RunConfig clat(Path path) throws ConfigException {
        ConfigFile file = ConfigFile.load(path);
        return standalone(file, "clat", MetricsSettings.DEFAULT_PORT).with(ClatSection.read(file));
    }

    /** {@code v6mostly clat -i IF}: the defaults for uplink {@code iface}, no file. */
    public static RunConfig clatDefaults(String iface) {
        return new Builder(MetricsSection.DEFAULTS, SupervisionSettings.STANDALONE, List.of())
                .with(ClatSection.defaults(iface));
    }

    /** {@code v6mostly dhcp4}: {@code [dhcp4]}. */
    public static RunConfig dhcp4(Path path) throws ConfigException {
        ConfigFile file = ConfigFile.load(path);
        Dhcp4Section.Settings dhcp4 = Dhcp4Section.read(file);
        Builder b = standalone(file, "dhcp4", Dhcp4Section.DEFAULT_METRICS_PORT);
        dhcp4.warnings().forEach(w -> b.warnings.add("warning: " + w));
        return b.with(dhcp4);
    }

    /** {@code v6mostly ra}: {@code [ra]}, with {@code [pref64]} when present. */
    public static RunConfig ra(Path path) throws ConfigException {
        ConfigFile file = ConfigFile.load(path);
        RaConfig ra = RaSection.read(file);
        Builder b = standalone(file, "ra", RA_METRICS_PORT);
        b.warnings.addAll(ra.warnings());
        return b.with(ra);
    }

    /** {@code v6mostly dns64}: {@code [dns64]}, with {@code [pref64]} when present. */
    public static RunConfig dns64(Path path) throws ConfigException {
        ConfigFile file = ConfigFile.load(path);
        return standalone(file, "dns64", DNS64_METRICS_PORT).with(Dns64Section.read(file));
    }

    /** {@code v6mostly gateway}: every table but {@code [siit]}. */
    public static RunConfig gateway(Path path) throws ConfigException {
        return GatewaySection.read(ConfigFile.load(path));
    }

    private static Builder standalone(ConfigFile file, String command, int metricsPort) throws ConfigException {
        ConfigSections.checkKnown(file);
        return new Builder(MetricsSection.read(file, metricsPort),
                GatewaySection.supervision(file, SupervisionSettings.STANDALONE), unusedTables(file, command));
    }

    /**
     * What in {@code file} {@code command} does not use: tables of other commands, and
     * {@code [gateway]} keys other than supervision outside the gateway; one warning each.
     */
    public static List<String> unusedTables(ConfigFile file, String command) throws ConfigException {
        List<String> out = new ArrayList<>();
        Set<String> used = TABLES.get(command);
        for (String table : ConfigSections.KNOWN) {
            if (table.equals(MetricsSection.NAME) || table.equals(GatewaySection.NAME) || used.contains(table)
                    || file.section(table).isEmpty()) {
                continue;
            }
            out.add(unused(table, command));
        }
        Optional<ConfigSection> gateway = file.section(GatewaySection.NAME);
        if (!command.equals("gateway") && gateway.isPresent()) {
            for (String key : GatewaySection.KEYS) {
                if (!GatewaySection.SUPERVISION_KEYS.contains(key) && gateway.get().has(key)) {
                    out.add("[gateway] " + key + " is not used by v6mostly " + command + " (only by v6mostly gateway)");
                }
            }
        }
        return out;
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
        return "[" + table + "] is not used by v6mostly " + command + " (it is for " + String.join(" and ", users)
                + ")";
    }

    /** The parts every standalone config has, then its one component. */
    private static final class Builder {
        private final MetricsSettings metrics;
        private final SupervisionSettings supervision;
        private final List<String> warnings;

        Builder(MetricsSettings metrics, SupervisionSettings supervision, List<String> warnings) {
            this.metrics = metrics;
            this.supervision = supervision;
            this.warnings = new ArrayList<>(warnings);
        }

        RunConfig with(SiitConfig siit) {
            return new RunConfig(null, null, null, null, null, siit, null, metrics, GatewaySettings.DEFAULTS,
                    supervision, warnings);
        }

        RunConfig with(Nat64Section nat64) {
            return new RunConfig(null, null, null, null, nat64, null, null, metrics, GatewaySettings.DEFAULTS,
                    supervision, warnings);
        }

        RunConfig with(ClatSettings clat) {
            return new RunConfig(null, null, null, null, null, null, clat, metrics, GatewaySettings.DEFAULTS,
                    supervision, warnings);
        }

        RunConfig with(Dhcp4Section.Settings dhcp4) {
            return new RunConfig(null, null, dhcp4, null, null, null, null, metrics, GatewaySettings.DEFAULTS,
                    supervision, warnings);
        }

        RunConfig with(RaConfig ra) {
            return new RunConfig(null, ra, null, null, null, null, null, metrics, GatewaySettings.DEFAULTS,
                    supervision, warnings);
        }

        RunConfig with(Dns64Settings dns64) {
            return new RunConfig(null, null, null, dns64, null, null, null, metrics, GatewaySettings.DEFAULTS,
                    supervision, warnings);
        }
    }
}
