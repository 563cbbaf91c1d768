package net.v6mostly.cli;

import java.net.URI;

import net.v6mostly.ops.ClatMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code v6mostly clat status}: the state of a running {@code v6mostly clat} (on/off and why, the
 * prefix and its source, the addresses) and its non-zero counters, read from its metrics endpoint.
 */
@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Print the state and counters of a running v6mostly clat.",
            "It reads the metrics endpoint at --metrics URL, at the [metrics] listen address of -c FILE, or at"
                + " http://127.0.0.1:9464/metrics."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:the daemon's metrics endpoint cannot be reached", "2:usage or configuration error"})
public final class ClatStatusCommand extends MetricsClientCommand {
    @Option(names = "--all", description = "List the counters that are zero too.")
    private boolean all;

    @Override
    String render(String text, URI url) {
        return ClatMetrics.status(text, url.toString(), all);
    }
}
