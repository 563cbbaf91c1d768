package net.v6mostly.cli;

import java.util.List;

import net.v6mostly.config.RunConfig;
import net.v6mostly.service.Runner;
import net.v6mostly.service.Service;
import net.v6mostly.service.SiitService;
import net.v6mostly.tun.LinkConfigurator;
import picocli.CommandLine.Command;

/**
 * {@code v6mostly siit -c FILE}: the stateless translator (SIIT, RFC 7915, RFC 6052, RFC 7757) as a
 * foreground daemon on a TUN device, configured by {@code [siit]}, {@code [siit.tun]} and
 * {@code [metrics]}. SIGHUP reloads, SIGTERM/SIGINT stop. See {@code docs/siit.md}.
 */
@Command(name = "siit", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = SiitStatsCommand.class,
        description = {"Run the stateless translator (SIIT, RFC 7915) on a TUN device, in the foreground.",
            "SIGHUP re-reads the configuration file (translator settings apply at once; an invalid file is"
                + " reported and the running settings kept). SIGTERM or SIGINT stop it. Logs go to standard output."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by SIGTERM or SIGINT",
            "1:runtime error (TUN device, link configuration, metrics address, a worker failed)",
            "2:usage or configuration error"})
public final class SiitCommand extends DaemonCommand {
    /** The link configurator the daemon uses; {@link LinkConfigurator#system()} outside tests. */
    static LinkConfigurator links = LinkConfigurator.system();

    @Override
    String subcommands() {
        return "stats";
    }

    @Override
    List<Service> services(RunConfig c, Runner.Log log) {
        return List.of(new SiitService(c.siit(), links, log.component("siit")));
    }
}
