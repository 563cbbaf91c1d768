package net.v6mostly.cli;

import java.util.List;

import net.v6mostly.config.RunConfig;
import net.v6mostly.dns64.Dns64Server;
import net.v6mostly.service.Dns64Service;
import net.v6mostly.service.Runner;
import net.v6mostly.service.Service;
import picocli.CommandLine.Command;

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
public final class Dns64Command extends DaemonCommand {
    @Override
    List<Service> services(RunConfig c, Runner.Log log) {
        return List.of(new Dns64Service(c.dns64(), c.gateway(), log.component("dns64")));
    }
}
