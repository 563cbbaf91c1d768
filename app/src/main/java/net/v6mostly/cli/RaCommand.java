package net.v6mostly.cli;

import java.util.List;

import net.v6mostly.config.RunConfig;
import net.v6mostly.service.RouterAdvertisementService;
import net.v6mostly.service.Runner;
import net.v6mostly.service.Service;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code v6mostly ra}: the Router Advertisement sender (RFC 4861 §6.2, RFC 8106, RFC 8781) in the
 * foreground, as configured by the {@code [ra]} table. SIGTERM or SIGINT: final RA with Router
 * Lifetime 0 on every interface (RFC 4861 §6.2.5), counters, exit 0. SIGHUP: reload the file
 * without a gap in the schedule; a bad file is logged and the running configuration kept. See
 * {@code docs/ra.md}.
 */
@Command(name = "ra", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Send Router Advertisements with PIO, RDNSS, DNSSL and PREF64 on the configured interfaces.",
            "SIGTERM sends a final RA with router lifetime 0 and exits; SIGHUP reloads the configuration."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by SIGTERM/SIGINT", "1:an interface or socket could not be opened",
            "2:usage or configuration error"})
public final class RaCommand extends DaemonCommand {
    @Option(names = "--check", description = "Validate the configuration, print the warnings and exit.")
    private boolean check;

    @Override
    int run() {
        return check ? check(c -> config + ": ok, " + c.ra().interfaces().size() + " interface(s)") : super.run();
    }

    @Override
    List<Service> services(RunConfig c, Runner.Log log) {
        return List.of(new RouterAdvertisementService(c.ra(), log.component("ra")));
    }
}
