package net.v6mostly.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import net.v6mostly.config.ConfigException;
import net.v6mostly.config.RunConfig;
import net.v6mostly.config.RunConfigs;
import net.v6mostly.service.Dhcp4Service;
import net.v6mostly.service.Runner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code v6mostly dhcp4}: the DHCPv4 server with Option 108 (RFC 2131, RFC 8925) in the
 * foreground, configured by the {@code [dhcp4]} table. SIGTERM or SIGINT stop it with status 0
 * after the journal is compacted; SIGHUP re-reads the configuration (leases are kept). Counters
 * and adoption figures are printed on exit and every ten minutes. See {@code docs/dhcp4.md}.
 */
@Command(name = "dhcp4", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = Dhcp4StatsCommand.class,
        description = {"Run the DHCPv4 server with the IPv6-Only Preferred option (RFC 2131, RFC 8925).",
            "It logs one line per message. SIGHUP reloads the configuration; SIGTERM stops it.",
            "It serves its counters at http://127.0.0.1:9467/metrics ([dhcp4] metrics); v6mostly dhcp4 stats"
                + " reads them."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by SIGTERM/SIGINT, or --check passed", "1:socket or lease-store failure",
            "2:usage or configuration error"})
public final class Dhcp4Command implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "The configuration file (TOML) with a [dhcp4] table; required.")
    private Path config;

    @Option(names = "--check", description = "Validate the configuration, print what would be served, and exit.")
    private boolean check;

    @Override
    public Integer call() {
        if (config == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Missing required option: '--config=FILE' (or a subcommand: stats)");
        }
        if (check) {
            try {
                RunConfig c = RunConfigs.load("dhcp4", config);
                c.warnings().forEach(w -> spec.commandLine().getErr().println("dhcp4: " + w));
                c.dhcp4().config().subnets().forEach(s -> spec.commandLine().getOut().println("subnet " + s.name()
                        + " " + s.prefix() + " on " + (s.interfaceName() == null ? "relays" : s.interfaceName())
                        + ", pools " + s.pools() + ", option 108 "
                        + (s.v6OnlyWait() < 0 ? "off" : s.v6OnlyWait() + " s")));
                return Runner.OK;
            } catch (ConfigException e) {
                spec.commandLine().getErr().println("dhcp4: " + e.getMessage());
                return Runner.USAGE;
            }
        }
        Runner.Log log = Runner.slf4j();
        return Runner.runCommand("dhcp4", () -> RunConfigs.load("dhcp4", config),
                c -> List.of(new Dhcp4Service(c.dhcp4(), log.component("dhcp4"))), false, log,
                spec.commandLine().getErr());
    }
}
