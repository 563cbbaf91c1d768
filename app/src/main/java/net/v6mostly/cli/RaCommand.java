package net.v6mostly.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import net.v6mostly.config.ConfigException;
import net.v6mostly.config.RunConfig;
import net.v6mostly.config.RunConfigs;
import net.v6mostly.service.RouterAdvertisementService;
import net.v6mostly.service.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
public final class RaCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The configuration file (TOML) with an [ra] table.")
    private Path config;

    @Option(names = "--check", description = "Validate the configuration, print the warnings and exit.")
    private boolean check;

    @Override
    public Integer call() {
        if (check) {
            try {
                RunConfig ra = RunConfigs.load("ra", config);
                ra.warnings().forEach(w -> spec.commandLine().getErr().println("ra: warning: " + w));
                spec.commandLine().getOut().println(config + ": ok, " + ra.ra().interfaces().size() + " interface(s)");
                return Runner.OK;
            } catch (ConfigException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return Runner.USAGE;
            }
        }
        Runner.Log log = Runner.slf4j();
        return Runner.runCommand("ra", () -> RunConfigs.load("ra", config),
                c -> List.of(new RouterAdvertisementService(c.ra(), log.component("ra"))), false, log,
                spec.commandLine().getErr());
    }
}
