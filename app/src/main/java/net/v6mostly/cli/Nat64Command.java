package net.v6mostly.cli;

import java.util.List;

import net.v6mostly.config.RunConfig;
import net.v6mostly.service.Nat64Service;
import net.v6mostly.service.Runner;
import net.v6mostly.service.Service;
import net.v6mostly.tun.LinkConfigurator;
import picocli.CommandLine.Command;

/**
 * {@code v6mostly nat64 -c FILE}: the stateful NAT64 (PLAT, RFC 6146) as a foreground daemon on a
 * TUN device, configured by {@code [nat64]}, {@code [nat64.tun]} and {@code [metrics]}. SIGHUP
 * reloads what can change without dropping sessions, SIGTERM/SIGINT stop. Subcommands read a
 * running daemon. See {@code docs/nat64.md}.
 */
@Command(name = "nat64", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = {Nat64PageCommand.Bib.class, Nat64PageCommand.Sessions.class, Nat64PageCommand.Stats.class,
            Nat64LookupCommand.class},
        description = {"Run the stateful NAT64 (PLAT, RFC 6146) on a TUN device, in the foreground.",
            "SIGHUP re-reads the file: pool4 addresses, static BIB entries, timeouts, limits, translation"
                + " settings and the mapping-log file apply at once and sessions are kept; pool6, port ranges and"
                + " port blocks need a restart. SIGTERM or SIGINT stop it.",
            "Mapping-log lines (RFC 5424) go to [nat64] log; other messages go to standard output."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by SIGTERM or SIGINT",
            "1:runtime error (TUN device, link configuration, metrics address, log file, a worker failed)",
            "2:usage or configuration error"})
public final class Nat64Command extends DaemonCommand {
    /** The link configurator the daemon uses; {@link LinkConfigurator#system()} outside tests. */
    static LinkConfigurator links = LinkConfigurator.system();

    @Override
    String subcommands() {
        return "bib, sessions, stats, lookup";
    }

    @Override
    List<Service> services(RunConfig c, Runner.Log log) {
        return List.of(new Nat64Service(c.nat64(), log.component("nat64"), links));
    }
}
