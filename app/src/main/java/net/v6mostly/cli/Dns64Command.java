package net.v6mostly.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import net.v6mostly.config.RunConfigs;
import net.v6mostly.dns64.Dns64Server;
import net.v6mostly.service.Dns64Service;
import net.v6mostly.service.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code v6mostly dns64}: the DNS64 proxy (RFC 6147) with local ipv4only.arpa (RFC 8880), in the
 * foreground, as configured by the {@code [dns64]} table. SIGTERM or SIGINT stop it with status 0
 * after printing the counters; SIGHUP re-reads the file (a bad file keeps the running settings). A
 * listening socket that fails for good stops it with status 1 ({@link Dns64Server#failure()}).
 * See {@code docs/dns64.md}.
 */
@Command(name = "dns64", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Run the DNS64 proxy (RFC 6147) in the foreground.",
            "SIGTERM or SIGINT print the counters and stop it (exit 0); SIGHUP reloads the configuration."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped by SIGTERM or SIGINT", "1:cannot listen, or a listening socket failed for good",
            "2:usage or configuration error"})
public final class Dns64Command implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The configuration file (TOML) with a [dns64] table.")
    private Path config;

    @Override
    public Integer call() {
        Runner.Log log = Runner.slf4j();
        return Runner.runCommand("dns64", () -> RunConfigs.load("dns64", config),
                c -> List.of(new Dns64Service(c.dns64(), c.gateway(), log.component("dns64"))), false, log,
                spec.commandLine().getErr());
    }
}
