package net.v6mostly.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import net.v6mostly.config.RunConfigs;
import net.v6mostly.service.Runner;
import net.v6mostly.service.SiitService;
import net.v6mostly.tun.LinkConfigurator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
public final class SiitCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "The configuration file (TOML) with [siit], and optionally [metrics] and"
                    + " [siit.tun]; required.")
    private Path config;

    /** The link configurator the daemon uses; {@link LinkConfigurator#system()} outside tests. */
    static LinkConfigurator links = LinkConfigurator.system();

    @Override
    public Integer call() {
        if (config == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Missing required option: '--config=FILE' (or a subcommand: stats)");
        }
        Runner.Log log = Runner.slf4j();
        return Runner.runCommand("siit", () -> RunConfigs.load("siit", config),
                c -> List.of(new SiitService(c.siit(), links, log.component("siit"))), false, log,
                spec.commandLine().getErr());
    }
}
