package net.v6mostly.cli;

import java.util.List;

import net.v6mostly.config.RunConfig;
import net.v6mostly.service.Dhcp4Service;
import net.v6mostly.service.Runner;
import net.v6mostly.service.Service;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
            "It serves its counters at http://127.0.0.1:9467/metrics ([metrics] listen); v6mostly dhcp4 stats"
                + " reads them."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by SIGTERM/SIGINT, or --check passed", "1:socket or lease-store failure",
            "2:usage or configuration error"})
public final class Dhcp4Command extends DaemonCommand {
    @Option(names = "--check", description = "Validate the configuration, print what would be served, and exit.")
    private boolean check;

    @Override
    String subcommands() {
        return "stats";
    }

    @Override
    int run() {
        return check ? check(c -> String.join("\n", c.dhcp4().config().subnets().stream().map(s -> "subnet "
                + s.name() + " " + s.prefix() + " on " + (s.interfaceName() == null ? "relays" : s.interfaceName())
                + ", pools " + s.pools() + ", option 108 " + (s.v6OnlyWait() < 0 ? "off" : s.v6OnlyWait() + " s"))
                .toList())) : super.run();
    }

    @Override
    List<Service> services(RunConfig c, Runner.Log log) {
        return List.of(new Dhcp4Service(c.dhcp4(), log.component("dhcp4")));
    }
}
